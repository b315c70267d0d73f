using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Attribution.AdversarialClimbing;

/// <summary>
/// "advcam": AdvCAM (Lee et al., CVPR 2021, "Anti-Adversarially Manipulated Attributions for Weakly and
/// Semi-Supervised Semantic Segmentation"; DESIGN.md §6): each image is moved anti-adversarially, T steps of
/// normalised gradient ascent on its class's score while the other classes' scores are pushed down and regions that
/// are already high are held near their first map; the CAMs along the way are accumulated, so the result covers more of
/// the object than CAM.
/// </summary>
/// <remarks>
/// <para>Per class c of an image, at each scale: <c>x⁰</c> the clean image (with its mirror when <c>flip</c>); for
/// <c>t = 0..T</c>: <c>R_t</c> = ReLU of the class-c score map at the feature resolution (mirror flipped back and
/// added); <c>A += R_t</c>; then (t &lt; T) the loss of <see cref="AdvCamObjective"/> is ascended:
/// <c>x ← clamp(x + ξ ∇L / max|∇L|, min x⁰, max x⁰)</c>. The scales' accumulated maps are upsampled bilinearly to the
/// image and summed, then divided by their maximum + 1e-5. With T = 0, one scale of 1 and no flip this is exactly CAM.</para>
/// <para>Defaults are the official code's: T = 27 (<c>steps</c>), λ = 7, τ = 0.5, ξ = 0.08, scales 1, 0.5, 1.5, 2, flip.
/// The official loop runs 27 iterations and accumulates 27 maps (26 used steps); we follow the paper's
/// <c>A = Σ_{t=0}^{T} CAM(x^t)</c>, T + 1 maps. The official code halves the iterations at scale 0.5 and doubles its
/// maps' weight; we climb every scale alike.</para>
/// <para><b>Step size units.</b> The official ξ = 0.08 is in ImageNet-normalised units, where a [0, 1] image spans
/// 1 / 0.226 ≈ 4.42 units. With <c>xi_units=range</c> (default) ξ is scaled to each image's own value range:
/// the step is <c>ξ · (max x⁰ − min x⁰) / 4.42</c>, i.e. at most 1.8% of the range per pixel per step whatever the
/// normalisation (0.117 units on FashionScenes' normalised input). With <c>xi_units=input</c> ξ is in the model's input
/// units as given.</para>
/// <para><b>Batching.</b> All (image, class) pairs of a call climb together, with their mirrors, in batches of at most
/// <c>max_rows</c> rows; the pairs are independent (the model must be in eval mode, as for any attribution), so the
/// result equals a one-class-at-a-time loop up to float rounding. Gradients are taken with respect to the images only;
/// the model's parameters and mode are left as they are.</para>
/// </remarks>
public sealed class AdvCamAttribution : PluginBase, IAttribution
{
    /// <summary>Added to the final map's maximum before dividing by it, as the reference implementation does.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>The value range of a [0, 1] image in ImageNet-normalised units: 1 / mean(0.229, 0.224, 0.225).</summary>
    public const double ImageNetNormalisedRange = 1 / 0.226;

    /// <summary>Parameter: T, the climbing steps.</summary>
    public const string StepsParameter = "steps";

    /// <summary>Parameter: ξ, the step size.</summary>
    public const string XiParameter = "xi";

    /// <summary>Parameter: the units of ξ, <c>range</c> or <c>input</c>.</summary>
    public const string XiUnitsParameter = "xi_units";

    /// <summary>Parameter: λ, the restriction weight.</summary>
    public const string LambdaParameter = "lambda";

    /// <summary>Parameter: τ, the restriction mask threshold.</summary>
    public const string TauParameter = "tau";

    /// <summary>Parameter: the scales, comma-separated.</summary>
    public const string ScalesParameter = "scales";

    /// <summary>Parameter: climb with the horizontal mirror too.</summary>
    public const string FlipParameter = "flip";

    /// <summary>Parameter: rows (image or mirror, one class) per climbing batch.</summary>
    public const string MaxRowsParameter = "max_rows";

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public AdvCamAttribution()
        : base("advcam",
            "AdvCAM (Lee et al. 2021): class maps accumulated over T steps of anti-adversarial climbing (the class score " +
            "up, other classes down, already-high regions held by a masked L1 restriction), merged over scales and flips; " +
            "official defaults.",
            new PluginParameter(StepsParameter, "T, the climbing steps (T + 1 maps are accumulated; 0 gives CAM)", "27", PluginValueKind.Integer),
            new PluginParameter(XiParameter, "ξ, the step size (official 0.08 in ImageNet-normalised units)", "0.08", PluginValueKind.Real),
            new PluginParameter(XiUnitsParameter, "units of ξ: 'range' (ImageNet-normalised, scaled to each image's value range) or 'input' (the model's input units)", "range", PluginValueKind.Text),
            new PluginParameter(LambdaParameter, "λ, weight of the restriction on regions above τ", "7", PluginValueKind.Real),
            new PluginParameter(TauParameter, "τ, the restriction mask's threshold relative to the map's maximum", "0.5", PluginValueKind.Real),
            new PluginParameter(ScalesParameter, "image scales, comma-separated (official 1,0.5,1.5,2)", "1,0.5,1.5,2", PluginValueKind.Text),
            new PluginParameter(FlipParameter, "climb each image with its horizontal mirror and merge the maps", "true", PluginValueKind.Boolean),
            new PluginParameter(MaxRowsParameter, "rows per climbing batch (memory bound; results do not depend on it)", "64", PluginValueKind.Integer))
    {
    }

    /// <summary>T in force.</summary>
    public int Steps => (int)GetInteger(StepsParameter);

    /// <summary>ξ in force.</summary>
    public double Xi => GetReal(XiParameter);

    /// <summary>Whether ξ is scaled to each image's value range (else it is in input units).</summary>
    public bool XiRelativeToRange => GetText(XiUnitsParameter).Trim() == "range";

    /// <summary>λ in force.</summary>
    public double Lambda => GetReal(LambdaParameter);

    /// <summary>τ in force.</summary>
    public double Tau => GetReal(TauParameter);

    /// <summary>The scales in force.</summary>
    public IReadOnlyList<double> Scales => ScaleList.Parse(GetText(ScalesParameter), out _) ?? [];

    /// <summary>Whether mirrors are climbed too.</summary>
    public bool Flip => GetBoolean(FlipParameter);

    /// <summary>Rows per climbing batch.</summary>
    public int MaxRows => (int)GetInteger(MaxRowsParameter);

    /// <inheritdoc/>
    public Tensor Explain(ICamClassifier model, Tensor images, IReadOnlyList<int[]> classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classes);
        var pairs = ClassRequests.Pairs(Name, model.num_classes, images, classes);
        long n = images.size(0), k = model.num_classes, height = images.size(2), width = images.size(3);
        if (pairs.Count == 0) return torch.zeros([n, k, height, width], images.dtype, images.device);
        foreach (var scale in Scales)
        {
            var (h, w) = ScaleList.Size(height, width, scale);
            if (h < model.output_stride || w < model.output_stride)
                throw new ArgumentException(
                    $"{Name}: images of {height}x{width} at scale {scale.ToString(CultureInfo.InvariantCulture)} are {h}x{w}, smaller than the " +
                    $"model's output stride {model.output_stride}; drop that scale (parameter '{ScalesParameter}')", nameof(images));
        }

        var settings = new AdvCamSettings(Steps, Lambda, Tau, Flip);
        using var scope = torch.NewDisposeScope();
        var total = torch.zeros([pairs.Count, height, width], images.dtype, images.device);
        var groupsPerBatch = Math.Max(1, MaxRows / (Flip ? 2 : 1));
        foreach (var scale in Scales)
        {
            using var scaleScope = torch.NewDisposeScope();
            var (h, w) = ScaleList.Size(height, width, scale);
            var scaled = h == height && w == width
                ? images
                : F.interpolate(images, [h, w], InterpolationMode.Bilinear, align_corners: false);
            for (var start = 0; start < pairs.Count; start += groupsPerBatch)
            {
                using var batchScope = torch.NewDisposeScope();
                var count = Math.Min(groupsPerBatch, pairs.Count - start);
                var batchPairs = pairs.Skip(start).Take(count).ToArray();
                var imageIndex = torch.tensor(batchPairs.Select(p => (long)p.Image).ToArray(), [count], images.device);
                var classIndex = torch.tensor(batchPairs.Select(p => (long)p.Class).ToArray(), [count], images.device);
                var groupImages = scaled.index_select(0, imageIndex).detach();
                var low = groupImages.amin([1L, 2L, 3L]);
                var high = groupImages.amax([1L, 2L, 3L]);
                var steps = XiRelativeToRange ? (high - low).mul(Xi / ImageNetNormalisedRange) : torch.full([count], Xi, images.dtype, images.device);
                Tensor accumulated;
                try
                {
                    accumulated = AdvCamClimb.Run(model, groupImages, classIndex, steps, low, high, settings);
                }
                catch (TorchException e)
                {
                    throw new ArgumentException(
                        $"{Name}: the model refused images of shape {images.ShapeText} (at scale {scale.ToString(CultureInfo.InvariantCulture)}: " +
                        $"{groupImages.ShapeText}): {e.Message}", nameof(images), e);
                }
                var upsampled = F.interpolate(accumulated.unsqueeze(1), [height, width], InterpolationMode.Bilinear, align_corners: false)
                    .view(count, height, width);
                total.narrow(0, start, count).add_(upsampled);
            }
        }
        var normalized = total.div(total.amax([1L, 2L], keepdim: true) + Epsilon);
        var rowIndex = torch.tensor(pairs.Select(p => (long)p.Image * k + p.Class).ToArray(), [pairs.Count, 1], images.device)
            .expand(pairs.Count, height * width);
        var result = torch.zeros([n * k, height * width], images.dtype, images.device)
            .scatter(0, rowIndex, normalized.view(pairs.Count, height * width));
        return scope.MoveToOuter(result.view(n, k, height, width));
    }

    /// <inheritdoc/>
    protected override void Validate()
    {
        if (Steps < 0) throw InvalidValue(StepsParameter, "must be at least 0");
        if (Steps > 1000) throw InvalidValue(StepsParameter, "must be at most 1000");
        if (!(Xi >= 0) || !double.IsFinite(Xi)) throw InvalidValue(XiParameter, "must be finite and non-negative");
        if (GetText(XiUnitsParameter).Trim() is not ("range" or "input")) throw InvalidValue(XiUnitsParameter, "must be 'range' or 'input'");
        if (!(Lambda >= 0) || !double.IsFinite(Lambda)) throw InvalidValue(LambdaParameter, "must be finite and non-negative");
        if (!(Tau >= 0 && Tau <= 1)) throw InvalidValue(TauParameter, "must be in [0, 1]");
        if (ScaleList.Parse(GetText(ScalesParameter), out var problem) is null) throw InvalidValue(ScalesParameter, problem);
        if (MaxRows < (Flip ? 2 : 1)) throw InvalidValue(MaxRowsParameter, Flip ? "must be at least 2 with flip (an image and its mirror)" : "must be at least 1");
    }
}
