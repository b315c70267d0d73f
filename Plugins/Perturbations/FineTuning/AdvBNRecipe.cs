using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.AdvBN;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.FineTuning;

/// <summary>
/// "advbn-finetune": AdvBN fine-tuning (Shu et al., NeurIPS 2021; DESIGN.md §6) with the official defaults: the stages
/// up to and including the cut <c>stage</c> (default <c>layer1</c>) are frozen; the later stages and the head are
/// trained on the clean loss plus <c>adv_weight</c> times the loss at adversarial feature statistics, found per batch by
/// the AdvBN ascent of the <c>advbn</c> perturbation (<see cref="AdvBNPerturbation.Ascend"/>): each sample's channel
/// means and deviations at the cut moved by relative amounts in [-eps, eps] (eps 1.1), starting at 0, <c>steps</c> (6)
/// signed-gradient steps of <c>step</c> (0.2) ascending the cross-entropy.
/// </summary>
/// <remarks>
/// <para>Per step: the frozen stages give the features f (no graph: nothing before the cut trains); the ascent runs
/// with the whole model in eval mode (<see cref="FineTuningStep.InferenceMode"/>), so its passes do not move the later
/// stages' batch-norm statistics; then f and the shifted f' = <see cref="StatisticsShift"/>(f) go through the later
/// stages as one batch of 2N (in train mode, so their batch norms see clean and adversarial features together, as
/// the official training concatenates them), and the loss is CE(clean) + adv_weight · CE(adversarial), each a mean
/// over the N images.</para>
/// <para>As in the <c>advbn</c> perturbation, the statistics are per sample (the official layer uses the batch's);
/// ReLU follows the shift (<c>relu</c>). The step is the official absolute 0.2, not a fraction of eps. No randomness:
/// the step's seed is not used.</para>
/// </remarks>
public sealed class AdvBNRecipe : PluginBase, IFineTuningRecipe
{
    /// <summary>The parameter naming the cut stage.</summary>
    public const string StageParameter = "stage";

    /// <summary>The parameter giving eps.</summary>
    public const string EpsParameter = "eps";

    /// <summary>The parameter giving the number of ascent steps.</summary>
    public const string StepsParameter = "steps";

    /// <summary>The parameter giving the ascent's step size.</summary>
    public const string StepParameter = "step";

    /// <summary>The parameter giving the adversarial loss's weight.</summary>
    public const string AdversarialWeightParameter = "adv_weight";

    /// <summary>The parameter choosing whether ReLU follows the shift.</summary>
    public const string ReluParameter = "relu";

    /// <summary>Creates the recipe (the loader calls this).</summary>
    public AdvBNRecipe()
        : base("advbn-finetune",
            "Fine-tuning recipe (AdvBN, Shu et al. 2021): freezes the stages up to the cut and trains the later ones on clean " +
            "+ adversarial loss, the adversarial features from AdvBN's per-sample channel mean/std shifts within eps " +
            "(official: eps 1.1, 6 steps of 0.2 * sign(grad)).",
            new PluginParameter(StageParameter, "the cut: this stage and those before it are frozen; features are perturbed after it", "layer1", PluginValueKind.Text),
            new PluginParameter(EpsParameter, "bound on the relative mean and deviation shifts (official 1.1)", "1.1", PluginValueKind.Real),
            new PluginParameter(StepsParameter, "signed-gradient ascent steps (official 6)", "6", PluginValueKind.Integer),
            new PluginParameter(StepParameter, "ascent step size (official 0.2)", "0.2", PluginValueKind.Real),
            new PluginParameter(AdversarialWeightParameter, "weight of the adversarial loss beside the clean one", "1", PluginValueKind.Real),
            new PluginParameter(ReluParameter, "apply ReLU after the shift, as the official AdvBN layer does", "true", PluginValueKind.Boolean))
    {
    }

    /// <summary>The cut stage in force.</summary>
    public string Stage => GetText(StageParameter).Trim();

    /// <summary>eps in force.</summary>
    public double Eps => GetReal(EpsParameter);

    /// <summary>The number of ascent steps in force.</summary>
    public long Steps => GetInteger(StepsParameter);

    /// <summary>The ascent's step size in force.</summary>
    public double Step => GetReal(StepParameter);

    /// <summary>The adversarial loss's weight in force.</summary>
    public double AdversarialWeight => GetReal(AdversarialWeightParameter);

    /// <summary>Whether ReLU follows the shift.</summary>
    public bool Relu => GetBoolean(ReluParameter);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The cut stage is not one of the model's, or is its last (no stage would be
    /// left to train).</exception>
    public IReadOnlyList<string> FrozenStages(ICamClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = model.stage_names;
        var cut = IndexOfStage(names);
        return names.Take(cut + 1).ToArray();
    }

    /// <inheritdoc/>
    public Tensor Loss(FineTuningStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var stage = step.Model.stage_names[IndexOfStage(step.Model.stage_names)];
        using var scope = torch.NewDisposeScope();
        var (clean, adversarial) = Losses(step, stage);
        return scope.MoveToOuter(clean + adversarial * AdversarialWeight);
    }

    /// <summary>The two parts of <see cref="Loss"/>: the clean and the adversarial cross-entropy (means over the batch),
    /// both in the graph of the stages after the cut.</summary>
    /// <param name="step">The step.</param>
    /// <returns>Two scalar tensors the caller owns.</returns>
    public (Tensor Clean, Tensor Adversarial) Losses(FineTuningStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Losses(step, step.Model.stage_names[IndexOfStage(step.Model.stage_names)]);
    }

    private (Tensor Clean, Tensor Adversarial) Losses(FineTuningStep step, string stage)
    {
        var model = step.Model;
        using var scope = torch.NewDisposeScope();
        Tensor features;
        using (torch.no_grad()) features = model.forward_until(step.Images, stage).detach();
        long n = features.size(0);
        long[] shape = [n, features.size(1), 1, 1];
        Tensor dMu, dSigma;
        using (step.InferenceMode())
        {
            using var zero = torch.zeros(shape, features.dtype, features.device);
            (dMu, dSigma) = AdvBNPerturbation.Ascend(model, stage, features, step.Labels, zero, zero, Eps, Step, Steps, Relu);
        }
        Tensor shifted;
        using (torch.no_grad()) shifted = StatisticsShift.Apply(features, dMu, dSigma, Relu).detach();
        var logits = model.forward_from(torch.cat([features, shifted]), stage);
        var clean = F.cross_entropy(logits.narrow(0, 0, n), step.Labels);
        var adversarial = F.cross_entropy(logits.narrow(0, n, n), step.Labels);
        return (scope.MoveToOuter(clean), scope.MoveToOuter(adversarial));
    }

    /// <inheritdoc/>
    protected override void Validate()
    {
        if (Stage.Length == 0) throw InvalidValue(StageParameter, "must name a stage (e.g. layer1)");
        if (!double.IsFinite(Eps) || Eps < 0) throw InvalidValue(EpsParameter, "must be a finite number of at least 0");
        if (Steps < 0) throw InvalidValue(StepsParameter, "must be at least 0");
        if (!double.IsFinite(Step) || Step < 0) throw InvalidValue(StepParameter, "must be a finite number of at least 0");
        if (!double.IsFinite(AdversarialWeight) || AdversarialWeight < 0) throw InvalidValue(AdversarialWeightParameter, "must be a finite number of at least 0");
    }

    private int IndexOfStage(IReadOnlyList<string> names)
    {
        var stage = Stage;
        var index = -1;
        for (var i = 0; i < names.Count; i++)
            if (names[i] == stage) index = i;
        if (index < 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: stage '{stage}' (parameter '{StageParameter}') is not a stage of this model; its stages are {string.Join(", ", names)}"));
        if (index == names.Count - 1)
            throw new ArgumentException(
                $"{Name}: stage '{stage}' is the model's last; AdvBN fine-tuning needs a later stage to train (choose one of {string.Join(", ", names.Take(names.Count - 1))})");
        return index;
    }
}
