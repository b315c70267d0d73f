using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Segmentation.AttributionSeed;

/// <summary>
/// "attribution-seed": the seed label map of any attribution plugin (DESIGN.md §6, seed quality): the maps of the
/// classes present in each image, from the attribution plugin named by <c>attribution</c>, compete with a background
/// threshold <c>t</c>; each pixel takes the argmax over <c>[t, map_c for the classes present]</c>, background winning
/// ties (<see cref="SeedLabelMap"/>, the same code the host's seed metrics use).
/// </summary>
/// <remarks>
/// <para>The attribution plugin comes from the host (<see cref="IHostedPlugin"/>): <see cref="Attach"/> asks it for the
/// plugin named by <c>attribution</c>, checks that it is an <see cref="IAttribution"/>, and configures it with its
/// defaults plus <c>attribution_parameters</c> (<c>name=value</c> pairs separated by <c>';'</c>, see
/// <see cref="PassThroughParameters"/>). So any attribution plugin, built-in or third-party, can be segmented with.</para>
/// <para>Weak supervision: the segmenter needs the classifier and the image-level labels (the classes present), as seeds
/// do; it refuses a call without them.</para>
/// </remarks>
public sealed class AttributionSeedSegmenter : PluginBase, ISegmenter, IHostedPlugin
{
    /// <summary>Parameter: the name of the attribution plugin whose maps are seeded.</summary>
    public const string AttributionParameter = "attribution";

    /// <summary>Parameter: the attribution plugin's parameters, <c>name=value</c> pairs separated by <c>';'</c>.</summary>
    public const string AttributionParametersParameter = "attribution_parameters";

    /// <summary>Parameter: the background threshold t.</summary>
    public const string ThresholdParameter = "threshold";

    private IAttribution? attribution;

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public AttributionSeedSegmenter()
        : base("attribution-seed",
            "Seed label maps of any attribution plugin: each pixel takes the argmax over [t, the maps of the classes present], " +
            "background winning ties (DESIGN.md §6); needs the classifier and the image-level labels.",
            new PluginParameter(AttributionParameter, "the attribution plugin whose maps are seeded (cam, advcam, grad-cam or any loaded one)", "cam", PluginValueKind.Text),
            new PluginParameter(AttributionParametersParameter, "parameters passed on to the attribution plugin: name=value pairs separated by ';' (e.g. scales=1;flip=true)", "", PluginValueKind.Text),
            new PluginParameter(ThresholdParameter, "t, the background threshold the maps (in [0, 1]) must beat", "0.25", PluginValueKind.Real))
    {
    }

    /// <summary>The attribution plugin's name in force.</summary>
    public string AttributionName => GetText(AttributionParameter).Trim();

    /// <summary>The parameters passed on to the attribution plugin.</summary>
    public IReadOnlyDictionary<string, string> AttributionParameters =>
        PassThroughParameters.Parse(GetText(AttributionParametersParameter), out _) ?? new Dictionary<string, string>();

    /// <summary>The background threshold t in force.</summary>
    public double Threshold => GetReal(ThresholdParameter);

    /// <summary>The attribution plugin in use (null until <see cref="Attach"/> has run).</summary>
    public IAttribution? Attribution => attribution;

    /// <inheritdoc />
    protected override void Validate()
    {
        if (AttributionName.Length == 0 || AttributionName.Any(char.IsWhiteSpace))
            throw InvalidValue(AttributionParameter, "must name an attribution plugin (non-empty, without white space)");
        if (PassThroughParameters.Parse(GetText(AttributionParametersParameter), out var problem) is null)
            throw InvalidValue(AttributionParametersParameter, problem!);
        if (!(Threshold >= 0 && Threshold <= 1)) throw InvalidValue(ThresholdParameter, "must be in [0, 1]");
        attribution = null; // the parameters changed: resolve again on the next Attach
    }

    /// <inheritdoc />
    public void Attach(IPluginHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        attribution = null;
        var wanted = AttributionName;
        IPlugin plugin;
        try
        {
            plugin = host.GetPlugin(wanted);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: parameter '{AttributionParameter}' names plugin '{wanted}', which is not loaded: {e.Message}", nameof(host), e);
        }
        if (plugin is not IAttribution found)
            throw new ArgumentException(
                $"{Name}: parameter '{AttributionParameter}' names plugin '{plugin.Name}', which is not an attribution plugin (it does not implement IAttribution)",
                nameof(host));
        var values = plugin.Parameters.ToDictionary(p => p.Name, p => p.DefaultValue, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in AttributionParameters) values[key] = value;
        try
        {
            plugin.Configure(values);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"{Name}: attribution plugin '{plugin.Name}' refused parameter '{AttributionParametersParameter}' = '{GetText(AttributionParametersParameter)}': {e.Message}",
                nameof(host), e);
        }
        attribution = found;
    }

    /// <inheritdoc />
    public Tensor Segment(ICamClassifier? classifier, Tensor images, IReadOnlyList<int[]>? classes)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (classifier is null)
            throw new ArgumentException($"{Name}: a classifier is required (its attribution maps are the seeds); got none", nameof(classifier));
        if (classes is null)
            throw new ArgumentException($"{Name}: the classes present in each image (image-level labels) are required; got none", nameof(classes));
        if (images.dim() != 4)
            throw new ArgumentException($"{Name}: images must be [N, C, H, W]; got {images.ShapeText}", nameof(images));
        long n = images.size(0), k = classifier.num_classes, h = images.size(2), w = images.size(3);
        if (classes.Count != n)
            throw new ArgumentException($"{Name}: the class list has {classes.Count} entries for {n} images", nameof(classes));
        var present = new bool[n * k];
        for (var i = 0; i < n; i++)
        {
            var listed = classes[i] ?? throw new ArgumentException($"{Name}: image {i}: its class list is null", nameof(classes));
            foreach (var c in listed)
            {
                if (c < 0 || c >= k)
                    throw new ArgumentException($"{Name}: image {i}: class {c} is not a class of the classifier (it has classes 0..{k - 1})", nameof(classes));
                present[i * k + c] = true;
            }
        }
        var explainer = attribution ?? throw new InvalidOperationException(
            $"{Name} has not been attached to a host (IHostedPlugin.Attach), so it has no attribution plugin '{AttributionName}' to seed with");

        using var scope = torch.NewDisposeScope();
        var maps = explainer.Explain(classifier, images, classes);
        if (maps.dim() != 4 || maps.size(0) != n || maps.size(1) != k || maps.size(2) != h || maps.size(3) != w)
            throw new InvalidOperationException(
                $"{Name}: attribution plugin '{AttributionName}' returned maps {maps.ShapeText}, expected [{n}, {k}, {h}, {w}]");
        var mask = torch.tensor(present, [n, k], maps.device);
        var labels = SeedLabelMap.Compute(maps.detach(), mask, Threshold);
        return scope.MoveToOuter(labels);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({AttributionName}, t = {Threshold})");
}
