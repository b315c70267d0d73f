using AdvCam.Abstractions;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Attribution.GradCam;

/// <summary>
/// "grad-cam": Grad-CAM (Selvaraju et al. 2017) at a named stage of the classifier. With <c>A = forward_until(x, layer)</c>
/// and <c>y_c = forward_from(A, layer)[c]</c>, the channel weights are <c>α_ck = mean_hw(∂y_c / ∂A_k)</c> and the map is
/// <c>ReLU(Σ_k α_ck A_k)</c>, upsampled bilinearly (align_corners = false) to the image size and divided by its maximum
/// over the image plus <see cref="Epsilon"/>; zeros for the classes an image does not ask for.
/// </summary>
/// <remarks>
/// <para><b>Stage.</b> Parameter <see cref="LayerParameter"/>: one of the model's <see cref="ICamClassifier.stage_names"/>,
/// or <see cref="LastStage"/> (the default) for <c>stage_names[^1]</c>, the last feature map. At the last stage of a
/// classifier whose head is global average pooling and a linear layer, <c>∂y_c/∂A_k = w_ck / (h·w)</c> everywhere, so
/// Grad-CAM is CAM divided by h·w (the same map after max-normalisation, up to the +1e-5).</para>
/// <para><b>Batching.</b> Every asked (image, class) pair is one row of a batch that repeats each image's features once
/// per asked class; one <c>torch.autograd.grad</c> of the sum of the selected logits with respect to that (leaf) feature
/// batch gives every pair's gradient at once. Rows do not interact in eval mode (the runner's), so this equals a loop
/// over the pairs. In train mode, batch normalisation after the stage would couple the rows (and update its running
/// statistics, as any forward pass in train mode does).</para>
/// <para>Only the features' gradient is computed: no parameter gets a <c>.grad</c>, the model's mode and parameters are
/// left as they are, and the returned maps record no gradient. A class with no positive evidence anywhere in an image
/// gets an all-zero map.</para>
/// </remarks>
public sealed class GradCamAttribution : PluginBase, IAttribution
{
    /// <summary>Added to each map's maximum before dividing by it, as CAM does.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>The parameter naming the stage whose feature map is explained.</summary>
    public const string LayerParameter = "layer";

    /// <summary>The value of <see cref="LayerParameter"/> that means the model's last stage, <c>stage_names[^1]</c>.</summary>
    public const string LastStage = "last";

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public GradCamAttribution()
        : base("grad-cam",
            "Grad-CAM: ReLU of the feature map at a stage weighted by the spatial mean of each class logit's gradient, " +
            "upsampled bilinearly to the image and divided by its maximum (+1e-5); zeros for classes not asked for.",
            new PluginParameter(LayerParameter,
                $"the stage whose feature map is explained: one of the model's stage names (stem, layer1, ...), or '{LastStage}' for its last stage",
                LastStage, PluginValueKind.Text))
    {
    }

    /// <summary>The value of <see cref="LayerParameter"/> in force (trimmed).</summary>
    public string Layer => GetText(LayerParameter).Trim();

    /// <summary>The stage <paramref name="model"/> is explained at with the parameters in force.</summary>
    /// <param name="model">The classifier.</param>
    /// <exception cref="ArgumentException">The layer is not one of the model's stages; the message lists them.</exception>
    public string StageOf(ICamClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stages = model.stage_names;
        var layer = Layer;
        if (string.Equals(layer, LastStage, StringComparison.OrdinalIgnoreCase) && !stages.Contains(layer, StringComparer.Ordinal))
            return stages[^1];
        if (!stages.Contains(layer, StringComparer.Ordinal))
            throw new ArgumentException(
                $"{Name}: layer '{layer}' (parameter '{LayerParameter}') is not a stage of this model; its stages are " +
                $"{string.Join(", ", stages)} (or '{LastStage}')", nameof(model));
        return layer;
    }

    /// <inheritdoc/>
    protected override void Validate()
    {
        if (Layer.Length == 0) throw InvalidValue(LayerParameter, $"must name a stage (or be '{LastStage}')");
    }

    /// <inheritdoc/>
    public Tensor Explain(ICamClassifier model, Tensor images, IReadOnlyList<int[]> classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classes);
        var requests = ClassRequests.Pairs(Name, model.num_classes, images, classes);
        var stage = StageOf(model);
        long n = images.size(0), k = model.num_classes, height = images.size(2), width = images.size(3);
        using var scope = torch.NewDisposeScope();
        Tensor features;
        using (torch.no_grad()) features = model.forward_until(images.detach(), stage).detach();
        if (requests.Count == 0) return scope.MoveToOuter(torch.zeros([n, k, height, width], features.dtype, features.device));
        var zero = torch.zeros([1, height, width], features.dtype, features.device);
        var rows = torch.tensor(requests.Select(r => (long)r.Image).ToArray(), [requests.Count], features.device);
        var asked = torch.tensor(requests.Select(r => (long)r.Class).ToArray(), [requests.Count], features.device);
        var maps = Maps(model, stage, features.index_select(0, rows), asked, height, width).squeeze(1);
        // Slot i·K + c takes pair p's map when image i asked for class c, else the zero plane appended as row P.
        var lookup = new long[n * k];
        Array.Fill(lookup, requests.Count);
        for (var p = 0; p < requests.Count; p++) lookup[requests[p].Image * k + requests[p].Class] = p;
        var output = torch.cat([maps, zero], 0).index_select(0, torch.tensor(lookup, [n * k], features.device));
        return scope.MoveToOuter(output.view(n, k, height, width));
    }

    /// <summary>
    /// The normalised Grad-CAM [P, 1, H, W] of row p of <paramref name="features"/> ([P, C, h, w], features after
    /// <paramref name="stage"/>) for class <c>classes[p]</c>.
    /// </summary>
    private static Tensor Maps(ICamClassifier model, string stage, Tensor features, Tensor classes, long height, long width)
    {
        Tensor gradient;
        using (torch.enable_grad())
        {
            var leaf = features.detach().requires_grad_();
            var logits = model.forward_from(leaf, stage);
            var selected = logits.gather(1, classes.unsqueeze(1)).sum();
            // Only the leaf's gradient: the parameters' .grad stay as they are.
            gradient = torch.autograd.grad([selected], [leaf], allow_unused: true)[0] ?? torch.zeros_like(leaf);
        }
        using var _ = torch.no_grad();
        var alpha = gradient.mean([2, 3], keepdim: true);
        var scores = alpha.mul(features).sum([1], keepdim: true).relu();
        var upsampled = F.interpolate(scores, [height, width], InterpolationMode.Bilinear, align_corners: false);
        var maxima = upsampled.amax([2, 3], keepdim: true);
        return upsampled.div(maxima + Epsilon);
    }
}
