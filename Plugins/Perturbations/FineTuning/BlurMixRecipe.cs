using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.Blur;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.FineTuning;

/// <summary>
/// "blur-mix": fine-tunes the whole classifier on sharp images mixed with blurred ones (Vasiljevic et al., "Examining
/// the impact of blur on recognition by convolutional networks"): each training image is blurred with probability
/// <c>p</c> (default 0.5) by a kernel of a family drawn uniformly from <c>families</c> (default all four: defocus,
/// Gaussian, motion, camera shake), its strength uniform up to the strongest level of that family's scaled ladder for
/// the image size; the loss is the cross-entropy of the mixed batch.
/// </summary>
/// <remarks>
/// <para>The draws (<see cref="Draw"/>): image i of a step with seed s takes its numbers from SplitMix64 seeded by
/// (s, i), always in the same order: blur or not (u &lt; p), the family, the strength, the motion angle, the
/// camera-shake trajectory seed. Strengths: defocus radius and Gaussian sigma uniform in (0, max]; motion length and
/// camera-shake extent uniform in [1, max] (1 is the identity); max = the value of level 5 of the plugin's scaled ladder
/// (<see cref="Maximum"/>; at 28 px: radius 3.92, sigma 2.8, length 11.2, extent 11.2). Motion angles are uniform in
/// [0°, 180°). Defocus uses the ladder's alias sigma 0.5.</para>
/// <para>The kernels are those of the blur plugins (<see cref="DefocusKernel"/>, <see cref="GaussianKernel"/>,
/// <see cref="MotionKernel"/>, <see cref="CameraShakeKernel"/>), zero-padded to the batch's largest size and applied by
/// <see cref="DepthwiseBlur"/> in one direct depthwise convolution (reflect padding; never the FFT, whose rounding
/// would touch every pixel); sharp images get the identity kernel, which leaves them exactly as they were. Nothing is frozen.</para>
/// </remarks>
public sealed class BlurMixRecipe : PluginBase, IFineTuningRecipe
{
    /// <summary>The parameter giving the probability that an image is blurred.</summary>
    public const string ProbabilityParameter = "p";

    /// <summary>The parameter listing the families to draw from.</summary>
    public const string FamiliesParameter = "families";

    /// <summary>Every family's name, in <see cref="BlurFamily"/> order: the default of <see cref="FamiliesParameter"/>.</summary>
    public const string AllFamilies = "defocus,gaussian,motion,camera-shake";

    private static readonly (string Name, BlurFamily Family)[] FamilyNames =
        [("defocus", BlurFamily.Defocus), ("gaussian", BlurFamily.Gaussian), ("motion", BlurFamily.Motion), ("camera-shake", BlurFamily.CameraShake)];

    /// <summary>Creates the recipe (the loader calls this).</summary>
    public BlurMixRecipe()
        : base("blur-mix",
            "Fine-tuning recipe: trains the whole classifier on sharp images mixed with blurred ones; each image is blurred " +
            "with probability p by a random kernel (defocus, Gaussian, motion, camera shake) up to the scaled ladder's " +
            "strongest level, seeded.",
            new PluginParameter(ProbabilityParameter, "probability that a training image is blurred, in [0, 1]", "0.5", PluginValueKind.Real),
            new PluginParameter(FamiliesParameter, $"comma-separated kernel families to draw from: {AllFamilies}", AllFamilies, PluginValueKind.Text))
    {
    }

    /// <summary>The probability in force.</summary>
    public double Probability => GetReal(ProbabilityParameter);

    /// <summary>The families in force, in the order given.</summary>
    public IReadOnlyList<BlurFamily> Families => ParseFamilies(GetText(FamiliesParameter), out _) ?? [];

    /// <inheritdoc/>
    public IReadOnlyList<string> FrozenStages(ICamClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [];
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The images are not floating-point [N, C, H, W], or the labels not [N].</exception>
    public Tensor Loss(FineTuningStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var scope = torch.NewDisposeScope();
        var mixed = Mix(step.Images, step.Seed);
        var logits = step.Model.forward(mixed);
        return scope.MoveToOuter(F.cross_entropy(logits, step.Labels));
    }

    /// <summary>
    /// The batch with every image blurred as <see cref="Draw"/> says for it (sharp ones unchanged): a new tensor of
    /// the images' shape, dtype and device.
    /// </summary>
    /// <param name="images">Floating-point images [N, C, H, W] in [0, 1]; not modified.</param>
    /// <param name="seed">The step's seed.</param>
    /// <exception cref="ArgumentException">The images are not floating-point [N, C, H, W], or a kernel is too large for
    /// them (reflect padding needs it below the image size).</exception>
    public Tensor Mix(Tensor images, long seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || !images.dtype.IsFloatingPoint())
            throw new ArgumentException($"{Name}: images must be floating-point [N, C, H, W]; got {images.dtype} {images.ShapeText}", nameof(images));
        var size = (int)Math.Min(Math.Min(images.size(2), images.size(3)), int.MaxValue);
        var count = images.size(0);
        using var scope = torch.NewDisposeScope();
        var kernels = new Tensor[count];
        for (long i = 0; i < count; i++) kernels[i] = Draw(seed, i, size).Kernel();
        var k = kernels.Max(t => t.size(0));
        if (k == 1) return scope.MoveToOuter(images.clone());
        var padded = kernels.Select(t => t.size(0) == k ? t : F.pad(t, [(k - t.size(0)) / 2, (k - t.size(0)) / 2, (k - t.size(1)) / 2, (k - t.size(1)) / 2])).ToArray();
        return scope.MoveToOuter(DepthwiseBlur.Apply(images, torch.stack(padded), BlurMethod.Direct));
    }

    /// <summary>What image <paramref name="index"/> of a step with seed <paramref name="seed"/> gets, for images of
    /// <paramref name="imageSize"/> pixels (see the remarks of <see cref="BlurMixRecipe"/>).</summary>
    /// <param name="seed">The step's seed.</param>
    /// <param name="index">The image's index in the batch.</param>
    /// <param name="imageSize">The image side in pixels (the smaller of height and width).</param>
    public BlurMixDraw Draw(long seed, long index, int imageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        var families = Families;
        var random = SplitMix64.For(seed, index);
        var blurred = random.NextDouble() < Probability;
        var family = families[Math.Min(families.Count - 1, (int)(random.NextDouble() * families.Count))];
        var u = random.NextDouble();
        var angle = 180 * random.NextDouble();
        var trajectory = unchecked((long)random.NextUInt64());
        if (!blurred) return new BlurMixDraw(null, 0, angle, trajectory);
        var max = Maximum(family, imageSize);
        var strength = family is BlurFamily.Defocus or BlurFamily.Gaussian
            ? max * (1 - u)
            : 1 + (max - 1) * u;
        return new BlurMixDraw(family, strength, angle, trajectory);
    }

    /// <summary>The strongest strength of <paramref name="family"/> for images of <paramref name="imageSize"/>
    /// pixels: the value of the last level of that blur plugin's scaled ladder.</summary>
    /// <param name="family">The family.</param>
    /// <param name="imageSize">The image side in pixels.</param>
    public static double Maximum(BlurFamily family, int imageSize) => family switch
    {
        BlurFamily.Defocus => new DefocusBlurPerturbation().Severities(imageSize)[^1]["radius"],
        BlurFamily.Gaussian => new GaussianBlurPerturbation().Severities(imageSize)[^1]["sigma"],
        BlurFamily.Motion => new MotionBlurPerturbation().Severities(imageSize)[^1]["length"],
        BlurFamily.CameraShake => new CameraShakePerturbation().Severities(imageSize)[^1]["extent"],
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <inheritdoc/>
    protected override void Validate()
    {
        var p = Probability;
        if (!(p >= 0 && p <= 1)) throw InvalidValue(ProbabilityParameter, "must be a probability in [0, 1]");
        if (ParseFamilies(GetText(FamiliesParameter), out var problem) is null) throw InvalidValue(FamiliesParameter, problem);
    }

    private static BlurFamily[]? ParseFamilies(string text, out string problem)
    {
        problem = "";
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            problem = $"must name at least one family of {AllFamilies}";
            return null;
        }
        var families = new List<BlurFamily>();
        foreach (var name in names)
        {
            var found = FamilyNames.Where(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(f => (BlurFamily?)f.Family).FirstOrDefault();
            if (found is not { } family)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"names an unknown family '{name}' (known: {AllFamilies})");
                return null;
            }
            if (families.Contains(family))
            {
                problem = $"names family '{name}' twice";
                return null;
            }
            families.Add(family);
        }
        return [.. families];
    }
}
