using AdvCam.Torch;

namespace AdvCam.Plugins.Attribution;

/// <summary>One requested map: an image of the batch and a class to explain in it.</summary>
/// <param name="Image">The image's index in the batch.</param>
/// <param name="Class">The class index.</param>
public readonly record struct ClassRequest(int Image, int Class);

/// <summary>Checks an attribution call's arguments (IAttribution's contract) and lists what it asks for.</summary>
public static class ClassRequests
{
    /// <summary>The (image, class) pairs of <paramref name="classes"/>, image by image, in the order given.</summary>
    /// <param name="plugin">The plugin's name, for messages.</param>
    /// <param name="numClasses">The model's class count.</param>
    /// <param name="images">The images [N, C, H, W] (N at least 1).</param>
    /// <param name="classes">For each image, the classes to explain (no repeats; may be empty).</param>
    /// <exception cref="ArgumentException">The images are not [N, C, H, W] with N ≥ 1 or are not floating point,
    /// <paramref name="classes"/> does not have N entries, or a class is out of range or repeated; the message names
    /// the image and class.</exception>
    public static IReadOnlyList<ClassRequest> Pairs(string plugin, int numClasses, Tensor images, IReadOnlyList<int[]> classes)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classes);
        if (images.dim() != 4)
            throw new ArgumentException($"{plugin}: images must be [N, C, H, W]; got {images.ShapeText}", nameof(images));
        long n = images.size(0);
        if (n == 0) throw new ArgumentException($"{plugin}: the batch has no images ({images.ShapeText})", nameof(images));
        if (!images.dtype.IsFloatingPoint())
            throw new ArgumentException($"{plugin}: images must be floating point; got {images.dtype}", nameof(images));
        if (classes.Count != n)
            throw new ArgumentException($"{plugin}: the class list has {classes.Count} entries for {n} images", nameof(classes));
        var pairs = new List<ClassRequest>();
        for (var i = 0; i < n; i++)
        {
            var asked = classes[i] ?? throw new ArgumentException($"{plugin}: image {i}: its class list is null", nameof(classes));
            var seen = new HashSet<int>();
            foreach (var c in asked)
            {
                if (c < 0 || c >= numClasses)
                    throw new ArgumentException($"{plugin}: image {i}: class {c} is not a class of the model (it has classes 0..{numClasses - 1})", nameof(classes));
                if (!seen.Add(c))
                    throw new ArgumentException($"{plugin}: image {i}: class {c} is listed twice", nameof(classes));
                pairs.Add(new ClassRequest(i, c));
            }
        }
        return pairs;
    }
}
