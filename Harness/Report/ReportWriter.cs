using System.Text;
using AdvCam.Report.Rendering;
using AdvCam.Report.Running;

namespace AdvCam.Report;

/// <summary>Writes a report's three files into a folder: <c>results.json</c>, <c>index.html</c> and <c>summary.md</c>.</summary>
public static class ReportWriter
{
    /// <summary>The HTML file's name.</summary>
    public const string HtmlFileName = "index.html";

    /// <summary>The Markdown summary's file name.</summary>
    public const string SummaryFileName = "summary.md";

    /// <summary>Writes the files (each atomically: a temporary file renamed over the old one) into <paramref name="folder"/>,
    /// created when missing.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="outcome">The report.</param>
    /// <returns>The full paths of results.json, index.html and summary.md.</returns>
    public static (string Results, string Html, string Summary) Write(string folder, ReportOutcome outcome)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(outcome);
        Directory.CreateDirectory(folder);
        var results = Path.GetFullPath(Path.Combine(folder, ReportResults.FileName));
        var html = Path.GetFullPath(Path.Combine(folder, HtmlFileName));
        var summary = Path.GetFullPath(Path.Combine(folder, SummaryFileName));
        WriteAtomically(results, outcome.Results.ToUtf8());
        WriteAtomically(html, Encoding.UTF8.GetBytes(HtmlReportBuilder.Build(outcome.Results, outcome.Overlays)));
        WriteAtomically(summary, Encoding.UTF8.GetBytes(MarkdownSummaryBuilder.Build(outcome.Results)));
        return (results, html, summary);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
