using AdvCam.Core.Running;
using AdvCam.Report.Rendering;

namespace AdvCam.Report.Comparison;

/// <summary>
/// A model and its fine-tuned versions side by side, measured by the same perturbations on the same test items: per model
/// the clean accuracy, the accuracy at each graded perturbation's strongest level, and the worst accuracy over the levels of
/// each model perturbation (AdvBN's worst case) and of each image perturbation whose levels are not graded (the directions of
/// a one-pixel shift), each with its change from the original.
/// </summary>
/// <remarks>
/// The figures are the original's perturbations with severities (<see cref="ReportFigures.Curves"/>): the graded image
/// perturbations, the other image perturbations, then the model perturbations; a fine-tuned model that lacks one has a null
/// value there. An image perturbation is graded when every numeric value of its severities (a blur's
/// radius, sigma, length or extent) never falls from one level to the next and one of them rises: its highest level is its
/// strongest.
/// </remarks>
/// <param name="BaseSuite">The original model's suite.</param>
/// <param name="Metric">The accuracy metric (<c>top1</c>).</param>
/// <param name="Models">The original first, then each fine-tuned version in the order its suite ran.</param>
public sealed record ModelComparison(string BaseSuite, string Metric, IReadOnlyList<ComparedModel> Models)
{
    /// <summary>The statistic of the clean figure.</summary>
    public const string Clean = "clean";

    /// <summary>The statistic of the accuracy at a graded perturbation's highest level.</summary>
    public const string Strongest = "strongest";

    /// <summary>The statistic of the lowest accuracy over a perturbation's levels.</summary>
    public const string Worst = "worst";

    /// <summary>The comparison of <paramref name="original"/> with its fine-tuned versions.</summary>
    /// <param name="original">The original model's suite results.</param>
    /// <param name="fineTuned">Each fine-tuned version's suite results and its recipe.</param>
    public static ModelComparison Create(SuiteResults original, IReadOnlyList<(SuiteResults Suite, string? Recipe)> fineTuned)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(fineTuned);
        var curves = ReportFigures.Curves(original);
        // Graded image perturbations (the blurs) first, then the other image perturbations (the shifts), then the model
        // perturbations (AdvBN); in the suite's order within each.
        var plans = curves.Select(c => (Curve: c, Statistic: c.Kind == PluginKindNames.ImagePerturbation && IsGraded(original, c) ? Strongest : Worst))
            .OrderBy(p => p.Curve.Kind == PluginKindNames.ImagePerturbation ? p.Statistic == Strongest ? 0 : 1 : 2).ToArray();
        var baseFigures = Figures(original, plans, null);
        var models = new List<ComparedModel> { Model(original, null, baseFigures) };
        foreach (var (suite, recipe) in fineTuned) models.Add(Model(suite, recipe, Figures(suite, plans, baseFigures)));
        return new ModelComparison(original.Suite.Name, ReportFigures.AccuracyMetric(original), models);
    }

    private static ComparedModel Model(SuiteResults suite, string? recipe, IReadOnlyList<ComparisonFigure> figures) =>
        new(suite.Suite.Name, NameOf(suite), suite.Model.Path, recipe, suite.Data.Items, figures);

    /// <summary>The model's name: its file's folder (<c>models/fashion-mnist-blur-mix/model.safetensors</c> → the folder's name).</summary>
    private static string NameOf(SuiteResults suite) =>
        suite.Model.Path is { } path && Path.GetFileName(Path.GetDirectoryName(path)) is { Length: > 0 } folder ? folder : suite.Suite.Name;

    private static List<ComparisonFigure> Figures(SuiteResults suite, IReadOnlyList<(SeverityCurve Curve, string Statistic)> plans,
        IReadOnlyList<ComparisonFigure>? original)
    {
        var clean = ReportFigures.CleanAccuracy(suite);
        var curves = ReportFigures.Curves(suite);
        var figures = new List<ComparisonFigure> { new(Clean, null, null, Clean, null, null, clean, null) };
        foreach (var (baseCurve, statistic) in plans)
        {
            var curve = curves.FirstOrDefault(c => c.Plugin == baseCurve.Plugin && c.Kind == baseCurve.Kind);
            if (statistic == Strongest)
            {
                var strongest = baseCurve.Points.MaxBy(p => p.Level)!;
                var value = curve?.Points.FirstOrDefault(p => p.Level == strongest.Level)?.Accuracy;
                figures.Add(new ComparisonFigure($"{baseCurve.Plugin}/s{strongest.Level}", baseCurve.Plugin, baseCurve.Kind, statistic, strongest.Level,
                    strongest.Label, value, null));
            }
            else
            {
                var worst = curve?.Points.Where(p => p.Accuracy is not null).OrderBy(p => p.Accuracy).ThenBy(p => p.Level).FirstOrDefault();
                figures.Add(new ComparisonFigure($"{baseCurve.Plugin}/{Worst}", baseCurve.Plugin, baseCurve.Kind, statistic, worst?.Level, worst?.Label,
                    worst?.Accuracy, null));
            }
        }
        if (original is null) return figures;
        // Rounded to 12 decimals, so 0.938 - 0.946 is written -0.008 rather than -0.008000000000000007.
        return figures.Select((f, i) => f with { Change = f.Value is { } v && original[i].Value is { } o ? Math.Round(v - o, 12) : null }).ToList();
    }

    /// <summary>Whether the levels of the perturbation behind <paramref name="curve"/> grow in strength: every numeric value of
    /// its severities never falls from one level to the next, and one of them rises.</summary>
    private static bool IsGraded(SuiteResults suite, SeverityCurve curve)
    {
        var labels = ReportFigures.Labels(suite);
        var index = Enumerable.Range(0, suite.Plugins.Count).FirstOrDefault(i => labels[i] == curve.Plugin, -1);
        if (index < 0) return false;
        var severities = suite.Plugins[index].Entries.Where(e => e.Kind == curve.Kind && e.Under is null && e.Severity is not null)
            .Select(e => e.Severity!).GroupBy(s => s.Level).OrderBy(g => g.Key).Select(g => g.First()).ToArray();
        if (severities.Length < 2) return severities.Length == 1;
        var keys = severities.SelectMany(s => s.Values.Keys).Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0 || severities.Any(s => keys.Any(k => !s.Values.ContainsKey(k)))) return false;
        var rises = false;
        foreach (var key in keys)
        {
            for (var i = 1; i < severities.Length; i++)
            {
                var step = severities[i].Values[key] - severities[i - 1].Values[key];
                if (step < 0) return false;
                if (step > 0) rises = true;
            }
        }
        return rises;
    }
}
