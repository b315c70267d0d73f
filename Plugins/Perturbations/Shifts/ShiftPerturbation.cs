using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Shifts;

/// <summary>
/// What the two shift perturbations share (DESIGN.md §6, shift consistency): the parameter <c>pixels</c> (default 1),
/// one severity per <see cref="ShiftDirection"/> (levels 1..8, labelled by direction, with the content's offset as
/// values <c>dx</c> (columns right) and <c>dy</c> (rows down)), and the checks of <see cref="Apply"/>. The derived class
/// says how the translated image is filled (<see cref="Translate"/>).
/// </summary>
/// <remarks>
/// <para>The levels are directions, not strengths: all eight move the content by <c>pixels</c> along each axis they
/// name. Consistency over the eight (each against the clean prediction) is the shift consistency of the one-pixel-shift
/// studies (Azulay &amp; Weiss; Shifman &amp; Weiss) and of antialiased-cnns (Zhang).</para>
/// <para>Pure and deterministic: there is no randomness, and the seed is ignored.</para>
/// </remarks>
public abstract class ShiftPerturbation : PluginBase, IImagePerturbation
{
    /// <summary>The name of the parameter that gives the shift in pixels along each moved axis.</summary>
    public const string PixelsParameter = "pixels";

    /// <summary>Declares the plugin with the <c>pixels</c> parameter.</summary>
    /// <param name="name">The plugin's name.</param>
    /// <param name="description">What it does.</param>
    protected ShiftPerturbation(string name, string description)
        : base(name, description,
            new PluginParameter(PixelsParameter, "shift along each moved axis, in pixels (at least 1, below the image size)", "1", PluginValueKind.Integer))
    {
    }

    /// <summary>The shift in force along each moved axis, in pixels.</summary>
    public long Pixels => GetInteger(PixelsParameter);

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not positive, or not above the
    /// configured shift (a shift of the whole image or more leaves none of the image's own content in place to
    /// compare).</exception>
    public IReadOnlyList<Severity> Severities(int imageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        if (Pixels >= imageSize)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize,
                $"{Name}: a shift of {Pixels} pixels (parameter '{PixelsParameter}') is not below the image size {imageSize}");
        return Offered();
    }

    /// <inheritdoc/>
    /// <remarks>The seed is ignored: the shift has no randomness.</remarks>
    /// <exception cref="ArgumentException">The images are not a floating-point [N, C, H, W] tensor, the severity is not
    /// one of <see cref="Severities"/>, or its shift is not below the image's height or width; the message names
    /// it.</exception>
    public Tensor Apply(Tensor images, Severity severity, long seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(severity);
        if (images.dim() != 4)
            throw new ArgumentException($"{Name}: images must be [N, C, H, W]; got shape {images.ShapeText}", nameof(images));
        if (images.dtype is not (ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16))
            throw new ArgumentException($"{Name}: images must be floating point in [0, 1]; got {images.dtype}", nameof(images));
        var offered = Offered();
        if (!offered.Contains(severity))
            throw new ArgumentException(
                $"{Name}: severity '{severity}' is not one this perturbation offers with {PixelsParameter}={Pixels}; it offers " +
                string.Join(", ", offered.Select(s => $"'{s}'")), nameof(severity));
        var dx = (long)severity["dx"];
        var dy = (long)severity["dy"];
        long height = images.size(2), width = images.size(3);
        if (Math.Abs(dx) >= width || Math.Abs(dy) >= height)
            throw new ArgumentException(
                $"{Name}: severity '{severity}' shifts by {Pixels} pixels, which is not below the size of images of shape " +
                $"{images.ShapeText} (height {height}, width {width})", nameof(images));
        return Translate(images, dx, dy);
    }

    /// <summary>
    /// The images with their content moved <paramref name="dx"/> columns right and <paramref name="dy"/> rows down: a
    /// new tensor of the same shape, dtype and device; <paramref name="images"/> is not modified. The shift is checked
    /// to be below the image size along each axis.
    /// </summary>
    /// <param name="images">Float images [N, C, H, W].</param>
    /// <param name="dx">Columns to the right (negative: to the left).</param>
    /// <param name="dy">Rows down (negative: up).</param>
    protected abstract Tensor Translate(Tensor images, long dx, long dy);

    /// <inheritdoc/>
    protected override void Validate()
    {
        if (Pixels < 1) throw InvalidValue(PixelsParameter, "must be at least 1");
    }

    private Severity[] Offered()
    {
        var pixels = Pixels;
        return ShiftDirection.All
            .Select((d, i) => new Severity(i + 1, d.Label, ("dx", d.Dx * pixels), ("dy", d.Dy * pixels)))
            .ToArray();
    }

    /// <summary>The description's common ending: the parameter and the severities.</summary>
    /// <returns>Text such as "Levels 1..8 are the directions up, up-right, ...".</returns>
    protected static string DirectionsText() =>
        string.Create(CultureInfo.InvariantCulture,
            $"Levels 1..{ShiftDirection.All.Count} are the directions {string.Join(", ", ShiftDirection.All.Select(d => d.Label))} (values dx, dy); '{PixelsParameter}' sets the distance. No randomness.");
}
