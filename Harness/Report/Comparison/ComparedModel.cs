namespace AdvCam.Report.Comparison;

/// <summary>One model of a <see cref="ModelComparison"/>: the original or one of its fine-tuned versions, with its figures.</summary>
/// <param name="Suite">The report suite that measured it.</param>
/// <param name="Name">The model's name: its folder's name (<c>fashion-mnist-blur-mix</c>), else the suite's.</param>
/// <param name="Model">The model file, or null.</param>
/// <param name="Recipe">The fine-tuning recipe that made it (<c>blur-mix</c>), or null for the original.</param>
/// <param name="Items">The test items it was measured on.</param>
/// <param name="Figures">Its figures, in the same order and with the same names for every model of the comparison.</param>
public sealed record ComparedModel(string Suite, string Name, string? Model, string? Recipe, int Items, IReadOnlyList<ComparisonFigure> Figures);
