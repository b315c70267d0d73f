using AdvCam.Core.Regression;
using NUnit.Framework;

namespace AdvCam.Suites;

/// <summary>
/// One generated case of a robustness suite (<see cref="RobustnessCasesAttribute"/>): a plugin × severity × metric
/// (<see cref="RegressionCase"/>), or the suite's <c>run</c> case. <see cref="Verify"/> runs the suite when it has not run
/// yet in this process, and asserts the case's thresholds.
/// </summary>
public sealed class RobustnessCase
{
    /// <summary>The name of the case that checks the run as a whole.</summary>
    public const string RunCaseName = "run";

    internal RobustnessCase(string thresholdsFile, RegressionCase? regressionCase)
    {
        ThresholdsFile = thresholdsFile;
        Case = regressionCase;
    }

    /// <summary>The threshold file's full path.</summary>
    public string ThresholdsFile { get; }

    /// <summary>The case, or null for the <c>run</c> case.</summary>
    public RegressionCase? Case { get; }

    /// <summary>The case's name (<c>gaussian-blur/s3/top1</c>, or <c>run</c>).</summary>
    public string Name => Case?.Name ?? RunCaseName;

    /// <summary>
    /// Asserts the case: passes with a line on the test's output (value, floor or ceiling, baseline and tolerance), fails
    /// with a message naming the metric, its value, the threshold it misses, the baseline and the results file, or is
    /// inconclusive when it has nothing to be compared with (the threshold file's <c>missing</c> says). The <c>run</c> case
    /// fails when the run was cancelled, a plugin assembly failed to load or a threshold pattern matches no case. The case
    /// that runs the suite attaches results.json, index.html, summary.md and checks.md to its result.
    /// </summary>
    public void Verify()
    {
        SuiteRun run;
        try
        {
            run = SuiteRunCache.Get(ThresholdsFile);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Assert.Fail($"{Name}: the suite of '{ThresholdsFile}' could not run: {e.GetType().Name}: {e.Message}");
            return;
        }
        if (run.TakeAttachments())
        {
            TestContext.AddTestAttachment(run.ResultsPath, "suite results (docs/results-schema.md)");
            TestContext.AddTestAttachment(run.HtmlPath, "HTML report of the suite run");
            TestContext.AddTestAttachment(run.SummaryPath, "Markdown summary of the suite run");
            TestContext.AddTestAttachment(run.ChecksPath, "every case's verdict");
        }
        if (Case is null)
        {
            var problems = run.Suite.CheckRun(run.Cases, run.Results);
            if (problems is not null) Assert.Fail($"{problems}{Environment.NewLine}results: {run.ResultsPath}");
            TestContext.Out.WriteLine($"suite '{run.Results.Suite.Name}': {run.Cases.Count} cases, {run.Results.Seconds:F1} s; results: {run.ResultsPath}; report: {run.HtmlPath}");
            return;
        }
        var planned = run.Cases.FirstOrDefault(c => c.Name == Case.Name);
        if (planned is null)
        {
            Assert.Fail($"{Case.DisplayName}: the suite's plan at run time has no such case (the plugins changed since the tests were discovered); results: {run.ResultsPath}");
            return;
        }
        var verdict = run.Suite.Check(planned, run.Results, run.ResultsPath);
        switch (verdict.Outcome)
        {
            case CaseOutcome.Passed:
                TestContext.Out.WriteLine(verdict.Message);
                break;
            case CaseOutcome.NoThreshold:
                Assert.Inconclusive(verdict.Message);
                break;
            default:
                Assert.Fail(verdict.Message);
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
