using AdvCam.Abstractions;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Attribution.Cam;

/// <summary>
/// "cam": class activation maps as DESIGN.md §6 defines them. With <c>f</c> the classifier's last feature map (before
/// global average pooling) and <c>w</c> its head weight, <c>CAM_c = ReLU(Σ_k w_ck f_k)</c>, upsampled bilinearly
/// (align_corners = false) to the image size and divided by its maximum over the image plus <see cref="Epsilon"/>.
/// </summary>
/// <remarks>
/// <para>The head's bias, if any, is ignored (see <see cref="ICamClassifier"/>). All classes are computed at once, by
/// one contraction of the feature map with the head weight; the classes an image does not ask for are then zeroed.
/// No gradients are recorded; the model's mode and parameters are left as they are.</para>
/// <para>A class with no positive evidence anywhere in an image gets an all-zero map.</para>
/// <para>Multi-scale and flip merging, as the official CAM/AdvCAM code makes its CAMs: with <c>scales</c> (default 1)
/// and <c>flip</c> (default false), the ReLU'd score maps of every scale (images resized bilinearly) and, with flip, of
/// the mirrored images flipped back are upsampled to the image and summed before the division by the maximum. The
/// defaults give the plain CAM above.</para>
/// </remarks>
public sealed class CamAttribution : PluginBase, IAttribution
{
    /// <summary>Added to each map's maximum before dividing by it, as the reference implementation does.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>Parameter: the image scales whose maps are summed, comma-separated.</summary>
    public const string ScalesParameter = "scales";

    /// <summary>Parameter: add the maps of the mirrored images, flipped back.</summary>
    public const string FlipParameter = "flip";

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public CamAttribution()
        : base("cam",
            "Class activation maps: ReLU of the head-weighted sum of the last feature map, upsampled bilinearly to the " +
            "image and divided by its maximum (+1e-5); zeros for classes not asked for. Optional multi-scale and flip merging.",
            new PluginParameter(ScalesParameter, "image scales whose maps are summed, comma-separated (official CAM: 1,0.5,1.5,2)", "1", PluginValueKind.Text),
            new PluginParameter(FlipParameter, "also add the maps of the mirrored images, flipped back", "false", PluginValueKind.Boolean))
    {
    }

    /// <summary>The scales in force.</summary>
    public IReadOnlyList<double> Scales => ScaleList.Parse(GetText(ScalesParameter), out _) ?? [];

    /// <summary>Whether the mirrored images' maps are added.</summary>
    public bool Flip => GetBoolean(FlipParameter);

    /// <inheritdoc/>
    protected override void Validate()
    {
        if (ScaleList.Parse(GetText(ScalesParameter), out var problem) is null) throw InvalidValue(ScalesParameter, problem);
    }

    /// <inheritdoc/>
    public Tensor Explain(ICamClassifier model, Tensor images, IReadOnlyList<int[]> classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classes);
        var mask = new float[images.size(0) * model.num_classes];
        foreach (var request in ClassRequests.Pairs(Name, model.num_classes, images, classes)) mask[request.Image * model.num_classes + request.Class] = 1;
        long height = images.size(2), width = images.size(3);
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        Tensor? upsampled = null;
        foreach (var scale in Scales)
        {
            var (h, w) = ScaleList.Size(height, width, scale);
            if (h < model.output_stride || w < model.output_stride)
                throw new ArgumentException(
                    $"cam: images of {height}x{width} at scale {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)} are {h}x{w}, " +
                    $"smaller than the model's output stride {model.output_stride}; drop that scale (parameter '{ScalesParameter}')", nameof(images));
            var scaled = h == height && w == width ? images : F.interpolate(images, [h, w], InterpolationMode.Bilinear, align_corners: false);
            var scores = Scores(model, scaled);
            if (Flip) scores = scores + Scores(model, scaled.flip(3)).flip(3);
            var up = F.interpolate(scores, [height, width], InterpolationMode.Bilinear, align_corners: false);
            upsampled = upsampled is null ? up : upsampled + up;
        }
        var maxima = upsampled!.amax([2, 3], keepdim: true);
        var normalized = upsampled.div(maxima + Epsilon);
        var keep = torch.tensor(mask, [images.size(0), model.num_classes, 1, 1], normalized.device).to(normalized.dtype);
        return scope.MoveToOuter(normalized.mul(keep));
    }

    /// <summary>ReLU(Σ_k w_ck f_k) for every class c at once: [N, K, h, w].</summary>
    private static Tensor Scores(ICamClassifier model, Tensor images)
    {
        var features = model.features(images);
        return torch.einsum("ck,nkhw->nchw", model.head_weight.to(features.dtype), features).relu();
    }
}
