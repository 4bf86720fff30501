using System.Net;
using System.Text;

namespace Kelvin.Reports;

/// <summary>Writes a <see cref="ReportDocument"/> as one self-contained HTML page: styles inline,
/// every figure inlined as a base64 data URI, readable offline.</summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
        h1{border-bottom:2px solid #d0d7de;padding-bottom:.3rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}
        table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}
        th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:right}th{background:#f6f8fa}
        td:first-child,th:first-child{text-align:left}
        figure{margin:1rem 0}img{max-width:100%;border:1px solid #eaeef2}figcaption{color:#57606a;font-style:italic}
        """;

    /// <summary>The page for <paramref name="doc"/>; figures are read from <paramref name="folder"/>.</summary>
    public static string Write(ReportDocument doc, string folder)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
          .Append(E(doc.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        sb.Append("<h1>").Append(E(doc.Title)).Append("</h1>\n");
        foreach (var section in doc.Sections)
        {
            sb.Append("<h2>").Append(E(section.Heading)).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ParagraphBlock p:
                        sb.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                        break;
                    case FigureBlock f:
                        string data = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(folder, f.FileName)));
                        sb.Append("<figure><img alt=\"").Append(E(f.Caption)).Append("\" src=\"data:image/png;base64,")
                          .Append(data).Append("\"><figcaption>").Append(E(f.Caption)).Append("</figcaption></figure>\n");
                        break;
                    case ReportTable t:
                        sb.Append("<table><thead><tr>");
                        foreach (var h in t.Headers) sb.Append("<th>").Append(E(h)).Append("</th>");
                        sb.Append("</tr></thead><tbody>\n");
                        foreach (var row in t.Rows)
                        {
                            sb.Append("<tr>");
                            foreach (var c in row) sb.Append("<td>").Append(E(c)).Append("</td>");
                            sb.Append("</tr>\n");
                        }
                        sb.Append("</tbody></table>\n");
                        break;
                }
            }
        }
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
