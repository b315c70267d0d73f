using AdvCam.Core.Regression;
using AdvCam.Core.Running;

namespace AdvCam.Suites;

/// <summary>One run of a suite, shared by all its cases: the suite, its cases, the results and the files written.</summary>
/// <param name="Suite">The suite and its thresholds.</param>
/// <param name="Cases">The cases planned for the run.</param>
/// <param name="Results">The results.</param>
/// <param name="ResultsPath">The results file (<c>results.json</c>, the suite results schema).</param>
/// <param name="HtmlPath">The HTML report of the run.</param>
/// <param name="SummaryPath">The Markdown summary of the run.</param>
/// <param name="ChecksPath">Every case's verdict as a Markdown table.</param>
public sealed record SuiteRun(RegressionSuite Suite, IReadOnlyList<RegressionCase> Cases, SuiteResults Results, string ResultsPath, string HtmlPath,
    string SummaryPath, string ChecksPath)
{
    private int attached;

    /// <summary>True once, for the first caller: the case that attaches the files to its result.</summary>
    internal bool TakeAttachments() => Interlocked.Exchange(ref attached, 1) == 0;
}
