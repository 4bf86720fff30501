namespace Kelvin.Reports;

/// <summary>
/// A report a person reads: a title, then sections of paragraphs, tables and figures, in order.
/// Writers turn it into Markdown (<see cref="MarkdownReportWriter"/>) and self-contained HTML
/// (<see cref="HtmlReportWriter"/>); the numbers in its tables are formatted once, here, so the
/// Markdown, the HTML and the JSON beside them agree.
/// </summary>
public sealed class ReportDocument(string title)
{
    public string Title { get; } = title;
    public List<ReportSection> Sections { get; } = [];

    /// <summary>Adds and returns a new section.</summary>
    public ReportSection Section(string heading)
    {
        var s = new ReportSection(heading);
        Sections.Add(s);
        return s;
    }
}

/// <summary>One section: a heading and its blocks in order.</summary>
public sealed class ReportSection(string heading)
{
    public string Heading { get; } = heading;
    public List<ReportBlock> Blocks { get; } = [];

    public ReportSection Paragraph(string text) { Blocks.Add(new ParagraphBlock(text)); return this; }
    public ReportSection Table(ReportTable table) { Blocks.Add(table); return this; }
    public ReportSection Figure(string fileName, string caption) { Blocks.Add(new FigureBlock(fileName, caption)); return this; }
}

/// <summary>A block of a section.</summary>
public abstract record ReportBlock;

/// <summary>A paragraph of plain text (no markup).</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A figure: a PNG file in the report folder and its caption.</summary>
public sealed record FigureBlock(string FileName, string Caption) : ReportBlock;

/// <summary>A table of already formatted cells (see <see cref="ReportFormat"/>).</summary>
public sealed record ReportTable(IReadOnlyList<string> Headers, List<IReadOnlyList<string>> Rows) : ReportBlock
{
    public ReportTable(params string[] headers) : this(headers, []) { }

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public ReportTable Row(params string[] cells)
    {
        if (cells.Length != Headers.Count) throw new ArgumentException($"row has {cells.Length} cells for {Headers.Count} columns");
        Rows.Add(cells);
        return this;
    }
}
