using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.AdvBN;

/// <summary>
/// "advbn": the adversarial feature-statistics perturbation of AdvBN (Shu et al., NeurIPS 2021, "Encoding Robustness
/// to Image Style via Adversarial Feature Perturbations"; DESIGN.md §6) as a model perturbation: at the stage
/// <c>stage</c> (default <c>"layer1"</c>, the first after the stem), each sample's channel means and standard deviations
/// are moved by relative amounts <c>d_mu</c>, <c>d_sigma</c> in [-eps, eps] (<see cref="StatisticsShift"/>), chosen by
/// signed-gradient ascent of the cross-entropy against the labels; it reports the logits at the final shifts.
/// </summary>
/// <remarks>
/// <para>The ascent (<see cref="Attack"/>): start at <c>d = 0</c> (the official start, alpha = beta = 1), or, with
/// <c>random_start=true</c>, uniformly in [-eps, eps] from the seed; then <c>steps</c> times (default 6, official)
/// <c>d ← clamp(d + step · sign(∂L/∂d), -eps, eps)</c> with <c>step = step_fraction · eps</c>. The official code steps a
/// fixed 0.2 at its eps 1.1 (0.18 eps); we scale the step with eps so every level of the ladder gets the same number of
/// useful steps, with <c>step_fraction</c> default 0.2 (6 steps reach 1.2 eps, so the bound is reachable).</para>
/// <para>Severities: the eps levels of the parameter <c>eps</c> (default 0.1, 0.2, 0.4, 0.8, 1.1; the official eps is
/// 1.1), the same for every image size.</para>
/// <para>Statistics are per sample (not over the batch as in the official training layer), so a sample's result does
/// not depend on the batch it is evaluated in. Like the official layer, ReLU follows the shift (<c>relu</c>, default
/// true); ResNet stage outputs are non-negative, so at eps 0 the logits are exactly the clean ones.</para>
/// <para>The model's parameters are not changed and get no gradient: features are taken without a graph, and
/// gradients are taken with <c>torch.autograd.grad</c> with respect to the shifts only. The model's train/eval mode is
/// left as it is. Deterministic: without <c>random_start</c>, the seed is ignored.</para>
/// </remarks>
public sealed class AdvBNPerturbation : PluginBase, IModelPerturbation
{
    /// <summary>The parameter naming the stage the features are perturbed after.</summary>
    public const string StageParameter = "stage";

    /// <summary>The parameter giving the eps ladder (comma-separated, increasing, non-negative).</summary>
    public const string EpsParameter = "eps";

    /// <summary>The parameter giving the number of ascent steps.</summary>
    public const string StepsParameter = "steps";

    /// <summary>The parameter giving the step size as a fraction of eps.</summary>
    public const string StepFractionParameter = "step_fraction";

    /// <summary>The parameter choosing a random start in [-eps, eps] instead of 0.</summary>
    public const string RandomStartParameter = "random_start";

    /// <summary>The parameter choosing whether ReLU follows the shift.</summary>
    public const string ReluParameter = "relu";

    /// <summary>The default eps ladder; 1.1 is the official AdvBN eps.</summary>
    public const string DefaultEps = "0.1,0.2,0.4,0.8,1.1";

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public AdvBNPerturbation()
        : base("advbn",
            "AdvBN (Shu et al. 2021): moves each sample's channel means and standard deviations at a stage by relative " +
            "amounts within eps, chosen by signed-gradient ascent of the cross-entropy (worst case). Levels are the eps " +
            "values of 'eps' (value eps).",
            new PluginParameter(StageParameter, "the stage after which features are perturbed (one of the model's stage names)", "layer1", PluginValueKind.Text),
            new PluginParameter(EpsParameter, "the eps levels: comma-separated, non-negative, increasing relative shifts", DefaultEps, PluginValueKind.Text),
            new PluginParameter(StepsParameter, "signed-gradient ascent steps (at least 0; official 6)", "6", PluginValueKind.Integer),
            new PluginParameter(StepFractionParameter, "step size as a fraction of eps (positive; default 0.2)", "0.2", PluginValueKind.Real),
            new PluginParameter(RandomStartParameter, "start uniformly in [-eps, eps] from the seed instead of at 0", "false", PluginValueKind.Boolean),
            new PluginParameter(ReluParameter, "apply ReLU after the shift, as the official AdvBN layer does", "true", PluginValueKind.Boolean))
    {
    }

    /// <summary>The stage in force.</summary>
    public string Stage => GetText(StageParameter).Trim();

    /// <summary>The eps ladder in force, increasing.</summary>
    public IReadOnlyList<double> EpsLevels => ParseEps(GetText(EpsParameter), out _) ?? [];

    /// <summary>The number of ascent steps in force.</summary>
    public long Steps => GetInteger(StepsParameter);

    /// <summary>The step size in force, as a fraction of eps.</summary>
    public double StepFraction => GetReal(StepFractionParameter);

    /// <summary>Whether the ascent starts at a random point.</summary>
    public bool RandomStart => GetBoolean(RandomStartParameter);

    /// <summary>Whether ReLU follows the shift.</summary>
    public bool Relu => GetBoolean(ReluParameter);

    /// <inheritdoc/>
    public IReadOnlyList<Severity> Severities(int imageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        return Offered();
    }

    /// <inheritdoc/>
    public Tensor Logits(ICamClassifier model, Tensor images, Tensor labels, Severity severity, long seed)
    {
        ArgumentNullException.ThrowIfNull(severity);
        var offered = Offered();
        if (!offered.Contains(severity))
            throw new ArgumentException(
                $"{Name}: severity '{severity}' is not one this perturbation offers with {EpsParameter}={GetText(EpsParameter)}; it offers " +
                string.Join(", ", offered.Select(s => $"'{s}'")), nameof(severity));
        var result = Attack(model, images, labels, severity["eps"], seed);
        result.DMu.Dispose();
        result.DSigma.Dispose();
        return result.Logits;
    }

    /// <summary>
    /// Runs the ascent at one eps (any non-negative value, not only the ladder's) and returns the final logits and
    /// shifts; see the remarks of <see cref="AdvBNPerturbation"/>.
    /// </summary>
    /// <param name="model">The classifier; not changed, no parameter gets a gradient.</param>
    /// <param name="images">Float images [N, C, H, W].</param>
    /// <param name="labels">Class indices [N] (int64).</param>
    /// <param name="eps">The bound on every relative shift; non-negative.</param>
    /// <param name="seed">Seeds the random start (ignored without <c>random_start</c>).</param>
    /// <returns>The logits and shifts, new tensors owned by the caller (or its dispose scope).</returns>
    /// <exception cref="ArgumentException">The stage is not one of the model's (the message lists them), the shapes
    /// disagree, or eps is negative or not finite.</exception>
    public AdvBNResult Attack(ICamClassifier model, Tensor images, Tensor labels, double eps, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var stage = Stage;
        if (!model.stage_names.Contains(stage, StringComparer.Ordinal))
            throw new ArgumentException(
                $"{Name}: stage '{stage}' (parameter '{StageParameter}') is not a stage of this model; its stages are " +
                string.Join(", ", model.stage_names), nameof(model));
        if (images.dim() != 4)
            throw new ArgumentException($"{Name}: images must be [N, C, H, W]; got shape {images.ShapeText}", nameof(images));
        if (labels.dim() != 1 || labels.size(0) != images.size(0) || labels.dtype != ScalarType.Int64)
            throw new ArgumentException(
                $"{Name}: labels must be int64 [N] with N = {images.size(0)} (the images' batch); got {labels.dtype} {labels.ShapeText}", nameof(labels));
        if (!double.IsFinite(eps) || eps < 0)
            throw new ArgumentException($"{Name}: eps {eps.ToString("R", CultureInfo.InvariantCulture)} must be finite and non-negative", nameof(eps));

        using var scope = torch.NewDisposeScope();
        Tensor features;
        using (torch.no_grad()) features = model.forward_until(images, stage).detach();
        long[] shape = [features.size(0), features.size(1), 1, 1];
        Tensor dMu, dSigma;
        if (RandomStart)
        {
            using var generator = new Generator(unchecked((ulong)seed));
            dMu = torch.rand(shape, generator, features.dtype).to(features.device).mul(2 * eps).sub(eps);
            dSigma = torch.rand(shape, generator, features.dtype).to(features.device).mul(2 * eps).sub(eps);
        }
        else
        {
            dMu = torch.zeros(shape, features.dtype, features.device);
            dSigma = torch.zeros_like(dMu);
        }
        var relu = Relu;
        (dMu, dSigma) = Ascend(model, stage, features, labels, dMu, dSigma, eps, StepFraction * eps, Steps, relu);
        Tensor logits;
        using (torch.no_grad()) logits = model.forward_from(StatisticsShift.Apply(features, dMu, dSigma, relu), stage).detach();
        return new AdvBNResult(scope.MoveToOuter(logits), scope.MoveToOuter(dMu), scope.MoveToOuter(dSigma));
    }

    /// <summary>
    /// The signed-gradient ascent itself, on features already taken: <paramref name="steps"/> times
    /// <c>d ← clamp(d + step · sign(∂L/∂d), -eps, eps)</c> for both shifts, L the summed cross-entropy of
    /// <see cref="AdvBNObjective"/>. Shared by <see cref="Attack"/> and AdvBN fine-tuning.
    /// </summary>
    /// <param name="model">The classifier; not changed, no parameter gets a gradient; its mode is left as it is.</param>
    /// <param name="stage">The stage <paramref name="features"/> were taken after.</param>
    /// <param name="features">The clean features [N, C, H, W] (used without their graph).</param>
    /// <param name="labels">Class indices [N] (int64).</param>
    /// <param name="dMu">The starting relative mean shift [N, C, 1, 1]; not modified.</param>
    /// <param name="dSigma">The starting relative deviation shift [N, C, 1, 1]; not modified.</param>
    /// <param name="eps">The bound on every shift (non-negative).</param>
    /// <param name="step">The step size (non-negative).</param>
    /// <param name="steps">The number of steps (non-negative).</param>
    /// <param name="relu">Whether ReLU follows the shift.</param>
    /// <returns>The final shifts, new tensors without a graph, each in [-eps, eps].</returns>
    /// <exception cref="ArgumentOutOfRangeException">eps, the step or the number of steps is negative or not finite.</exception>
    public static (Tensor DMu, Tensor DSigma) Ascend(ICamClassifier model, string stage, Tensor features, Tensor labels,
        Tensor dMu, Tensor dSigma, double eps, double step, long steps, bool relu)
    {
        ArgumentNullException.ThrowIfNull(dMu);
        ArgumentNullException.ThrowIfNull(dSigma);
        if (!double.IsFinite(eps) || eps < 0) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be finite and non-negative");
        if (!double.IsFinite(step) || step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "the step must be finite and non-negative");
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        using var scope = torch.NewDisposeScope();
        var mu = dMu.detach().clone();
        var sigma = dSigma.detach().clone();
        for (var i = 0L; i < steps; i++)
        {
            using var stepScope = torch.NewDisposeScope();
            var (gradMu, gradSigma) = AdvBNObjective.Gradient(model, stage, features, labels, mu, sigma, relu);
            var nextMu = (mu + gradMu.sign() * step).clamp(-eps, eps);
            var nextSigma = (sigma + gradSigma.sign() * step).clamp(-eps, eps);
            mu = stepScope.MoveToOuter(nextMu);
            sigma = stepScope.MoveToOuter(nextSigma);
        }
        return (scope.MoveToOuter(mu), scope.MoveToOuter(sigma));
    }

    /// <inheritdoc/>
    protected override void Validate()
    {
        if (Stage.Length == 0) throw InvalidValue(StageParameter, "must name a stage (e.g. layer1)");
        if (ParseEps(GetText(EpsParameter), out var problem) is null) throw InvalidValue(EpsParameter, problem);
        if (Steps < 0) throw InvalidValue(StepsParameter, "must be at least 0");
        if (!(StepFraction > 0)) throw InvalidValue(StepFractionParameter, "must be positive");
    }

    private Severity[] Offered() =>
        EpsLevels.Select((eps, i) => new Severity(i + 1, "eps=" + eps.ToString("R", CultureInfo.InvariantCulture), ("eps", eps))).ToArray();

    private static double[]? ParseEps(string text, out string problem)
    {
        problem = "";
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var levels = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out levels[i]) || !double.IsFinite(levels[i]) || levels[i] < 0)
            {
                problem = $"must be comma-separated finite non-negative numbers (e.g. \"{DefaultEps}\"); '{parts[i]}' is not";
                return null;
            }
            if (i > 0 && levels[i] <= levels[i - 1])
            {
                problem = "must list increasing eps values (mildest first)";
                return null;
            }
        }
        return levels;
    }
}
