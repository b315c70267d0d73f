using System.Globalization;
using System.Text;
using AdvCam.Core.Running;

namespace AdvCam.Report.Rendering;

/// <summary>
/// Renders a <see cref="ReportResults"/> as <c>summary.md</c>: the suites, accuracy against severity, the fine-tuned models
/// beside their original, consistency with and without defences, worst-case accuracy under model perturbations, attribution scores, failures and load failures, in
/// GitHub-flavoured Markdown tables (pipes and line breaks in texts escaped).
/// </summary>
public static class MarkdownSummaryBuilder
{
    /// <summary>The summary as Markdown text.</summary>
    /// <param name="report">The results.</param>
    public static string Build(ReportResults report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var b = new StringBuilder();
        b.Append("# AdvCam robustness report\n\n")
            .Append(CultureInfo.InvariantCulture, $"{report.Date}, {report.Suites.Count} suite(s), {(report.Full ? "whole test splits" : "test subsets")}, {HtmlText.Seconds(report.Seconds)}.")
            .Append(report.Suites.Any(s => s.Status == SuiteStatus.Cancelled) ? " **Interrupted: only what finished is shown.**" : "").Append("\n\n");
        var checks = report.Checks ?? [];
        if (checks.Count > 0)
            b.Append(CultureInfo.InvariantCulture, $"**Thresholds ({checks.Count} file(s), {checks.Sum(c => c.Cases.Count)} cases): {checks.Sum(c => c.Passed)} passed, ")
                .Append(CultureInfo.InvariantCulture, $"{checks.Sum(c => c.Failed)} failed, {checks.Sum(c => c.Inconclusive)} inconclusive, {checks.Sum(c => c.NotMeasured)} not measured.**\n\n");
        if (report.Suites.FirstOrDefault() is { } first)
        {
            var e = first.Environment;
            b.Append(CultureInfo.InvariantCulture, $"Environment: AdvCam {Cell(e.AdvcamVersion)}, commit {Cell(e.GitCommit ?? "n/a")}, libtorch {Cell(e.LibtorchVersion)}, ")
                .Append(CultureInfo.InvariantCulture, $"{Cell(e.Device)}, {e.Threads} threads, {e.ProcessorCount} processors, {Cell(e.Os)}, {Cell(e.Dotnet)}.\n\n");
        }

        b.Append("## Suites\n\n| suite | model | items | clean | passed | status | time |\n|---|---|---:|---|---:|---|---:|\n");
        foreach (var s in report.Suites)
            b.Append(CultureInfo.InvariantCulture, $"| {Cell(s.Suite.Name)} | {Cell(s.Model.Path ?? "(in memory)")} | {s.Data.Items} | ")
                .Append(s.Clean is null ? "not finished" : Cell(string.Join(", ", s.Clean.Metrics.Select(m => $"{m.Metric} {HtmlText.Value(m.Value)}"))))
                .Append(CultureInfo.InvariantCulture, $" | {s.Plugins.Count(p => p.Status == PluginStatus.Passed)}/{s.Plugins.Count} | {s.Status.ToString().ToLowerInvariant()} | {HtmlText.Seconds(s.Seconds)} |\n");

        if (checks.Count > 0)
        {
            b.Append("\n## Thresholds\n\nEach case judged as `dotnet test` judges it, on this report's measurements (its items, every plugin's defaults).\n");
            foreach (var c in checks)
            {
                b.Append(CultureInfo.InvariantCulture, $"\n### {Cell(c.ThresholdsFile)}\n\nSuite {Cell(c.Suite)} judged on report suite {Cell(c.ReportSuite)}: ")
                    .Append(CultureInfo.InvariantCulture, $"{c.Passed} passed, {c.Failed} failed, {c.Inconclusive} inconclusive, {c.NotMeasured} not measured.\n\n");
                foreach (var note in c.Notes) b.Append("- ").Append(Cell(note)).Append('\n');
                b.Append("\n| case | verdict | value | floor / ceiling | baseline | tolerance | message |\n|---|---|---:|---:|---:|---:|---|\n");
                foreach (var v in c.Cases)
                    b.Append(CultureInfo.InvariantCulture, $"| {Cell(v.Name)} | {HtmlReportBuilder.OutcomeText(v.Outcome)} | {(v.Value is null ? "" : HtmlText.Value(v.Value))} | ")
                        .Append(CultureInfo.InvariantCulture, $"{(v.Limit is { } l ? $"{v.LimitKind} {HtmlText.Value(l)}" : "")} | {(v.Baseline is null ? "" : HtmlText.Value(v.Baseline))} | ")
                        .Append(CultureInfo.InvariantCulture, $"{HtmlText.Value(v.Tolerance)} | {Cell(v.Message)} |\n");
            }
        }

        var curves = report.Suites.SelectMany(ReportFigures.Curves).ToArray();
        if (curves.Length > 0)
        {
            b.Append("\n## Accuracy against severity\n\n| suite | perturbation | kind | metric | clean | by level (1 = mildest) | worst |\n|---|---|---|---|---:|---|---:|\n");
            foreach (var c in curves)
                b.Append(CultureInfo.InvariantCulture, $"| {Cell(c.Suite)} | {Cell(c.Plugin)} | {c.Kind} | {c.Metric} | {HtmlText.Value(c.Clean)} | ")
                    .Append(string.Join(" ", c.Points.Select(p => HtmlText.Value(p.Accuracy))))
                    .Append(CultureInfo.InvariantCulture, $" | {HtmlText.Value(c.WorstAccuracy)} |\n");
        }

        foreach (var comparison in report.Comparisons ?? [])
        {
            var original = comparison.Models[0];
            b.Append(CultureInfo.InvariantCulture, $"\n## Fine-tuned models beside {Cell(original.Name)}\n\n")
                .Append(CultureInfo.InvariantCulture, $"{comparison.Metric} of each model on the same {original.Items} test items (suite {Cell(comparison.BaseSuite)} and ")
                .Append("the fine-tuned models' own; no inference defence): clean, at each graded perturbation's strongest level, and the worst over the levels ")
                .Append("of each model perturbation and of each image perturbation whose levels are not graded; in brackets the change from the original.\n\n")
                .Append("| model | recipe | ").Append(string.Join(" | ", original.Figures.Select(f => Cell(ReportFigures.FigureTitle(f))))).Append(" |\n|---|---|")
                .Append(string.Concat(original.Figures.Select(_ => "---:|"))).Append('\n');
            foreach (var m in comparison.Models)
                b.Append(CultureInfo.InvariantCulture, $"| {Cell(m.Name)} | {Cell(m.Recipe ?? "original")} | ")
                    .Append(string.Join(" | ", m.Figures.Select(f => f.Change is null ? HtmlText.Value(f.Value) : $"{HtmlText.Value(f.Value)} ({HtmlText.Change(f.Change)})")))
                    .Append(" |\n");
        }

        var defences = report.Suites.SelectMany(ReportFigures.Defenses).ToArray();
        if (defences.Length > 0)
        {
            b.Append("\n## Consistency with and without defences\n\nMeans over the severities; worst fooling rate over all of them.\n\n")
                .Append("| suite | perturbation | defence | accuracy | consistency | fooling rate | worst fooling rate |\n|---|---|---|---:|---:|---:|---:|\n");
            foreach (var r in defences)
                b.Append(CultureInfo.InvariantCulture, $"| {Cell(r.Suite)} | {Cell(r.Perturbation)} | {Cell(r.Defense ?? "none")} | {HtmlText.Value(r.Accuracy)} | ")
                    .Append(CultureInfo.InvariantCulture, $"{HtmlText.Value(r.Consistency)} | {HtmlText.Value(r.FoolingRate)} | {HtmlText.Value(r.WorstFoolingRate)} |\n");
        }

        var model = curves.Where(c => c.Kind == PluginKindNames.ModelPerturbation).ToArray();
        if (model.Length > 0)
        {
            b.Append("\n## Worst-case accuracy under model perturbations\n\n| suite | perturbation | clean | worst |\n|---|---|---:|---:|\n");
            foreach (var c in model)
                b.Append(CultureInfo.InvariantCulture, $"| {Cell(c.Suite)} | {Cell(c.Plugin)} | {HtmlText.Value(c.Clean)} | {HtmlText.Value(c.WorstAccuracy)} |\n");
        }

        var scores = report.Suites.SelectMany(ReportFigures.Attributions).ToArray();
        if (scores.Length > 0)
        {
            b.Append("\n## Attribution and segmentation\n\n| suite | plugin | kind | metric | value | status |\n|---|---|---|---|---:|---|\n");
            foreach (var a in scores)
                b.Append(CultureInfo.InvariantCulture, $"| {Cell(a.Suite)} | {Cell(a.Plugin)} | {a.Kind} | {a.Metric} | {HtmlText.Value(a.Value)} | {ReportFigures.StatusText(a.Status)} |\n");
        }

        b.Append("\n## Failures\n\n");
        var failures = report.Suites.SelectMany(s => ReportFigures.Failures(s).Select(f => (Suite: s.Suite.Name, f.Label, f.Plugin))).ToArray();
        if (failures.Length == 0) b.Append("No plugin failed.\n");
        foreach (var (suite, label, plugin) in failures)
            b.Append(CultureInfo.InvariantCulture, $"- **{Cell(label)}** ({Cell(suite)}, {ReportFigures.StatusText(plugin.Status)}): {Cell(plugin.Error ?? "")}\n");
        var loads = report.Suites.SelectMany(s => s.LoadFailures).Distinct().ToArray();
        b.Append("\n### Plugin load failures\n\n");
        if (loads.Length == 0) b.Append("None.\n");
        foreach (var f in loads)
            b.Append(CultureInfo.InvariantCulture, $"- {Cell(f.File)}{(f.TypeName is null ? "" : $" ({Cell(f.TypeName)})")}: {Cell(f.Reason)}\n");
        return b.ToString();
    }

    /// <summary>Text safe in a Markdown table cell or list item: backslashes and pipes escaped, '&lt;' as an entity (no raw
    /// HTML), line breaks as spaces.</summary>
    internal static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
