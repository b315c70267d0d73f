using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Segmentation.PseudoLabel;

/// <summary>
/// "pseudo-label": a segmentation network trained on attribution pseudo-labels, as the AdvCAM and IRN pipelines train
/// DeepLab on their seeds: each pixel takes the class of the highest logit (0 background, <c>c + 1</c> class <c>c</c>).
/// The network is a model file written by <c>advcam train --task fashion-scenes-seg --pseudo-labels ATTRIBUTION</c>
/// (or any <c>fashion-scenes-seg</c> model), named by the <c>model</c> parameter and loaded by the host
/// (<see cref="IHostedPlugin"/>, <see cref="IPluginHost.LoadSegmentationModel"/>).
/// </summary>
/// <remarks>
/// <para>Training lives in the host (<c>advcam train</c>): the network and the training scenes are AdvCam.Core's, which
/// plugins do not reference. The model's card and metadata record the attribution, its parameters and the thresholds
/// the pseudo-labels were made with.</para>
/// <para>At test time the network needs neither the classifier nor the image-level labels (as DeepLab is evaluated in the
/// papers). With <c>use_labels</c>, only background and the classes present compete, as for seeds.</para>
/// </remarks>
public sealed class PseudoLabelSegmenter : PluginBase, ISegmenter, IHostedPlugin
{
    /// <summary>Parameter: the segmentation model (file, folder or shipped name).</summary>
    public const string ModelParameter = "model";

    /// <summary>Parameter: restrict each image's labels to background and its classes present.</summary>
    public const string UseLabelsParameter = "use_labels";

    /// <summary>The default model: the shipped net trained on AdvCAM pseudo-labels of 500 training scenes
    /// (<c>models/fashion-scenes-seg-advcam</c>; its card has the command and the figures).</summary>
    public const string DefaultModel = "fashion-scenes-seg-advcam";

    private ISegmentationModel? model;

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public PseudoLabelSegmenter()
        : base("pseudo-label",
            "A segmentation net trained on attribution pseudo-labels (advcam train --task fashion-scenes-seg --pseudo-labels ATTRIBUTION): " +
            "per-pixel argmax of its logits; needs no classifier and no labels.",
            new PluginParameter(ModelParameter, "the segmentation model: a model.safetensors file, its folder, or a shipped model's name (models/<name>)", DefaultModel, PluginValueKind.Text),
            new PluginParameter(UseLabelsParameter, "let only background and the image's classes present compete (weak labels at test time)", "false", PluginValueKind.Boolean))
    {
    }

    /// <summary>The model named in force.</summary>
    public string ModelName => GetText(ModelParameter).Trim();

    /// <summary>Whether the image-level labels restrict the labels.</summary>
    public bool UseLabels => GetBoolean(UseLabelsParameter);

    /// <summary>The model in use (null until <see cref="Attach"/> has run).</summary>
    public ISegmentationModel? Model => model;

    /// <inheritdoc />
    protected override void Validate() => model = null;

    /// <inheritdoc />
    public void Attach(IPluginHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        model = null;
        if (ModelName.Length == 0)
            throw new ArgumentException(
                $"{Name}: parameter '{ModelParameter}' names no model; train one with 'advcam train --task fashion-scenes-seg --pseudo-labels cam --out DIR' and set {ModelParameter}=DIR",
                nameof(host));
        ISegmentationModel loaded;
        try
        {
            loaded = host.LoadSegmentationModel(ModelName);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: parameter '{ModelParameter}' = '{ModelName}': {e.Message}", nameof(host), e);
        }
        if (loaded.num_classes < 2)
            throw new ArgumentException($"{Name}: model '{loaded.Path}' has {loaded.num_classes} class; a segmenter needs background and at least one class", nameof(host));
        model = loaded;
    }

    /// <inheritdoc />
    public Tensor Segment(ICamClassifier? classifier, Tensor images, IReadOnlyList<int[]>? classes)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"{Name}: images must be [N, C, H, W]; got {images.ShapeText}", nameof(images));
        long n = images.size(0);
        if (classes is not null && classes.Count != n)
            throw new ArgumentException($"{Name}: the class list has {classes.Count} entries for {n} images", nameof(classes));
        if (UseLabels && classes is null)
            throw new ArgumentException($"{Name}: {UseLabelsParameter}=true needs the classes present in each image; got none", nameof(classes));
        var net = model ?? throw new InvalidOperationException(
            $"{Name} has not been attached to a host (IHostedPlugin.Attach), so it has no model '{ModelName}' to segment with");
        if (images.size(1) != net.in_channels)
            throw new ArgumentException($"{Name}: images must have {net.in_channels} channels for model '{net.Path}'; got {images.ShapeText}", nameof(images));

        using var scope = torch.NewDisposeScope();
        var logits = net.forward(images);
        if (UseLabels)
        {
            var k = net.num_classes;
            var allowed = new bool[n * k];
            for (var i = 0; i < n; i++)
            {
                allowed[i * k] = true;
                var listed = classes![i] ?? throw new ArgumentException($"{Name}: image {i}: its class list is null", nameof(classes));
                foreach (var c in listed)
                {
                    if (c < 0 || c + 1 >= k)
                        throw new ArgumentException($"{Name}: image {i}: class {c} is not a class of model '{net.Path}' (it has classes 0..{k - 2})", nameof(classes));
                    allowed[i * k + c + 1] = true;
                }
            }
            var blocked = torch.tensor(allowed, [n, k, 1, 1], logits.device).logical_not().expand(logits.shape);
            logits = logits.masked_fill(blocked, double.NegativeInfinity);
        }
        return scope.MoveToOuter(logits.argmax(1));
    }
}
