using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Defenses;

/// <summary>
/// "crop-select": the crop-selection defence of DESIGN.md §6. Each image is cut to its
/// <c>(H - 2·margin) x (W - 2·margin)</c> crop of highest score (<see cref="CropSelection"/>: the channel-summed
/// intensity of the crop weighted by a fixed centred Gaussian window, sigma = crop side / 4, ties to the smallest
/// offset), and the logits are the model's on those crops, with no resizing.
/// </summary>
/// <remarks>
/// <para><b>Requirement on the model:</b> it is fed crops smaller than the images, so it must accept any input size,
/// as a fully convolutional network ending in global average pooling (ResNetCam) does. A model trained on H x W
/// images sees (H - 2·margin) x (W - 2·margin) ones; the margin trades consistency under shifts (a wider window of
/// candidate offsets) against accuracy (less of the image).</para>
/// <para>With <c>cyclic</c> the offsets and crops wrap around, so the defence is exactly invariant to integer rolls
/// whenever the maximum score is unique (ties go to the smallest offset, which does not roll with the image).</para>
/// <para>Deterministic; the model's mode is left as it is.</para>
/// </remarks>
public sealed class CropSelectDefense : PluginBase, IInferenceDefense
{
    /// <summary>The name of the parameter that gives the margin in pixels.</summary>
    public const string MarginParameter = "margin";

    /// <summary>The name of the parameter that makes offsets and crops wrap around.</summary>
    public const string CyclicParameter = "cyclic";

    /// <summary>Name of the score-window parameter: <c>gaussian</c> (centre-weighted, the default) or <c>box</c>.</summary>
    public const string WindowParameter = "window";

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public CropSelectDefense()
        : base("crop-select",
            "Crop selection: feeds the model the (H - 2 margin) x (W - 2 margin) crop of highest centre-weighted " +
            "intensity (Gaussian window, sigma = crop side / 4) among " +
            "the offsets in [0, 2 margin]^2 (or all offsets, wrapping around, with cyclic=true), so a shifted image " +
            "selects the same content. Needs a model that accepts smaller inputs (fully convolutional, global pooling).",
            new PluginParameter(MarginParameter, "pixels cut from each side of the image, at least 0 (0 with cyclic=false: no crop)", "2", PluginValueKind.Integer),
            new PluginParameter(CyclicParameter, "whether offsets and crops wrap around (exact invariance to integer rolls when the best score is unique)", "false", PluginValueKind.Boolean),
            new PluginParameter(WindowParameter, "score window: 'gaussian' (centre-weighted; exact ties are rare) or 'box' (plain crop sum; ties on constant backgrounds go to the lowest offset)", "gaussian", PluginValueKind.Text))
    {
    }

    /// <summary>The margin in force, in pixels.</summary>
    public long Margin => GetInteger(MarginParameter);

    /// <summary>Whether offsets and crops wrap around.</summary>
    public bool Cyclic => GetBoolean(CyclicParameter);

    /// <summary>Whether the score window is the centre-weighted Gaussian (else a box).</summary>
    public bool CentreWeighted => GetText(WindowParameter) == "gaussian";

    /// <inheritdoc/>
    /// <remarks>The images must be more than <c>2·margin</c> pixels high and wide.</remarks>
    /// <exception cref="ArgumentException">The images are not floating-point [N, C, H, W], or not larger than
    /// <c>2·margin</c>; the message names the plugin, the shape and the margin.</exception>
    public Tensor Logits(ICamClassifier model, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        using var scope = torch.NewDisposeScope();
        Tensor crops;
        try
        {
            crops = CropSelection.Select(images, Margin, Cyclic, CentreWeighted);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name} ({MarginParameter}={Margin}, {CyclicParameter}={GetText(CyclicParameter)}): {e.Message}", nameof(images), e);
        }
        return scope.MoveToOuter(model.forward(crops));
    }

    /// <inheritdoc/>
    protected override void Validate()
    {
        if (Margin < 0) throw InvalidValue(MarginParameter, "must be at least 0");
        if (GetText(WindowParameter) is not ("gaussian" or "box")) throw InvalidValue(WindowParameter, "must be 'gaussian' or 'box'");
    }
}
