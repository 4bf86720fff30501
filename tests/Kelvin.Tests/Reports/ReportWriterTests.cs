using Kelvin.Reports;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Reports;

public class ReportWriterTests
{
    private static ReportDocument Sample()
    {
        var doc = new ReportDocument("Kelvin report");
        doc.Section("Training").Paragraph("A <b> & c").Table(new ReportTable("layer", "T")
            .Row("dense1", ReportFormat.Temperature(Temperature.Finite(0.0123456789)))
            .Row("dense2", ReportFormat.Temperature(Temperature.Degenerate(Regime.Isentropic))));
        return doc;
    }

    [Fact]
    public void MarkdownHasTheTableWithFormattedNumbersAndRegimes()
    {
        string md = MarkdownReportWriter.Write(Sample());
        Assert.Contains("# Kelvin report", md);
        Assert.Contains("| layer | T |", md);
        Assert.Contains("| dense1 | 0.0123457 |", md);
        Assert.Contains("| dense2 | isentropic |", md);
    }

    [Fact]
    public void HtmlEscapesTextAndInlinesFigures()
    {
        string dir = Directory.CreateTempSubdirectory("kelvin-report-test").FullName;
        try
        {
            byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
            File.WriteAllBytes(Path.Combine(dir, "f.png"), png);
            var doc = Sample();
            doc.Section("Figures").Figure("f.png", "a figure");
            string html = HtmlReportWriter.Write(doc, dir);
            Assert.Contains("A &lt;b&gt; &amp; c", html);
            Assert.Contains("data:image/png;base64," + Convert.ToBase64String(png), html);
            Assert.DoesNotContain("src=\"f.png\"", html);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ReportFolderPublishesOnlyWhenComplete()
    {
        string parent = Directory.CreateTempSubdirectory("kelvin-folder-test").FullName;
        try
        {
            string target = Path.Combine(parent, "report");
            using (var folder = ReportFolder.Open(target))
            {
                File.WriteAllText(folder.PathOf("report.md"), "half");
                Assert.False(Directory.Exists(target));
            }
            Assert.False(Directory.Exists(target));
            Assert.Empty(Directory.GetDirectories(parent));
            using (var folder = ReportFolder.Open(target))
            {
                File.WriteAllText(folder.PathOf("report.md"), "whole");
                folder.Publish();
            }
            Assert.Equal("whole", File.ReadAllText(Path.Combine(target, "report.md")));
        }
        finally { Directory.Delete(parent, true); }
    }

    [Fact]
    public void ReportFolderRejectsAFileAsTarget()
    {
        string file = Path.GetTempFileName();
        try { Assert.Throws<KelvinException>(() => ReportFolder.Open(file)); }
        finally { File.Delete(file); }
    }
}
