using AdvCam.Torch;

namespace AdvCam.Plugins.Attribution.GradCam;

/// <summary>
/// The (image, class) pairs an <see cref="Abstractions.IAttribution"/> call asks for, checked as the "cam" plugin checks
/// them: images [N, C, H, W], one class list per image, classes in [0, K) and not repeated.
/// </summary>
internal sealed class RequestedMaps
{
    private RequestedMaps(long[] images, long[] classes)
    {
        Images = images;
        Classes = classes;
    }

    /// <summary>The image index of each asked pair, in image order, then in the order the classes were listed.</summary>
    public long[] Images { get; }

    /// <summary>The class of each asked pair (same order as <see cref="Images"/>).</summary>
    public long[] Classes { get; }

    /// <summary>Number of asked pairs.</summary>
    public int Count => Images.Length;

    /// <summary>Checks the arguments and lists the asked pairs.</summary>
    /// <param name="numClasses">The model's number of classes K.</param>
    /// <param name="images">The images; must be [N, C, H, W].</param>
    /// <param name="classes">For each image, the classes to explain.</param>
    /// <exception cref="ArgumentException">The images are not 4-D, the lists are not N, a list is null, a class is out of
    /// range or listed twice; the message names the image and class.</exception>
    public static RequestedMaps From(int numClasses, Tensor images, IReadOnlyList<int[]> classes)
    {
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [N, C, H, W]; got [{string.Join(", ", images.shape)}]", nameof(images));
        long n = images.size(0);
        if (classes.Count != n)
            throw new ArgumentException($"classes has {classes.Count} entries for {n} images", nameof(classes));
        var imageIndices = new List<long>();
        var classIndices = new List<long>();
        var seen = new bool[numClasses];
        for (int i = 0; i < n; i++)
        {
            var asked = classes[i] ?? throw new ArgumentException($"image {i}: its class list is null", nameof(classes));
            Array.Clear(seen);
            foreach (var c in asked)
            {
                if (c < 0 || c >= numClasses)
                    throw new ArgumentException($"image {i}: class {c} is out of range [0, {numClasses})", nameof(classes));
                if (seen[c])
                    throw new ArgumentException($"image {i}: class {c} is listed twice", nameof(classes));
                seen[c] = true;
                imageIndices.Add(i);
                classIndices.Add(c);
            }
        }
        return new RequestedMaps(imageIndices.ToArray(), classIndices.ToArray());
    }
}
