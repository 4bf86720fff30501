using System.Text;

namespace Kelvin.Reports;

/// <summary>Writes a <see cref="ReportDocument"/> as GitHub-flavoured Markdown; figures are linked
/// by their file names (they sit beside report.md).</summary>
public static class MarkdownReportWriter
{
    public static string Write(ReportDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(doc.Title).Append("\n\n");
        foreach (var section in doc.Sections)
        {
            sb.Append("## ").Append(section.Heading).Append("\n\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ParagraphBlock p:
                        sb.Append(p.Text).Append("\n\n");
                        break;
                    case FigureBlock f:
                        sb.Append("![").Append(f.Caption).Append("](").Append(f.FileName).Append(")\n\n");
                        sb.Append('*').Append(f.Caption).Append("*\n\n");
                        break;
                    case ReportTable t:
                        sb.Append("| ").AppendJoin(" | ", t.Headers.Select(Escape)).Append(" |\n");
                        sb.Append('|').AppendJoin('|', t.Headers.Select(_ => "---")).Append("|\n");
                        foreach (var row in t.Rows) sb.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
                        sb.Append('\n');
                        break;
                }
            }
        }
        return sb.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|").ReplaceLineEndings(" ");
}
