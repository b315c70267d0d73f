namespace AdvCam.Core.Data;

/// <summary>
/// How big the items of a FashionScenes set are and how many a scene holds: item sides from
/// <see cref="MinObjectSize"/> to <see cref="MaxObjectSize"/> pixels, one to <see cref="MaxObjects"/> items. The random
/// draws are the same for every layout (DESIGN.md §5: 25 layout numbers, then the background and the noise); only what
/// they are mapped to changes, so scene i of a seed has the same classes, items, colours and background in every layout.
/// </summary>
/// <param name="Name">The layout's name in task names and cards.</param>
/// <param name="MinObjectSize">Smallest side of a pasted item.</param>
/// <param name="MaxObjectSize">Largest side of a pasted item (at most <see cref="FashionScenes.ImageSize"/>).</param>
/// <param name="MaxObjects">Most items in a scene (1 to <see cref="FashionScenes.MaxObjects"/>).</param>
public sealed record FashionSceneLayout(string Name, int MinObjectSize, int MaxObjectSize, int MaxObjects)
{
    /// <summary>The benchmark's layout: one to three items of 28 to 44 pixels (task <c>fashion-scenes</c>).</summary>
    public static FashionSceneLayout Standard { get; } =
        new("standard", FashionScenes.MinObjectSize, FashionScenes.MaxObjectSize, FashionScenes.MaxObjects);

    /// <summary>
    /// Large items: one or two items of 48 to 64 pixels, each larger than the standard layout's largest (task
    /// <c>fashion-scenes-large</c>). The class maps of a classifier cover a smaller share of such items, the case
    /// AdvCAM was made for (on PASCAL VOC, CAM finds only an object's most discriminative part).
    /// </summary>
    public static FashionSceneLayout Large { get; } = new("large", 48, FashionScenes.ImageSize, 2);

    /// <summary>Checks the sizes.</summary>
    /// <exception cref="ArgumentException">A size out of range.</exception>
    public void Validate()
    {
        if (MinObjectSize < 1 || MinObjectSize > MaxObjectSize || MaxObjectSize > FashionScenes.ImageSize)
            throw new ArgumentException($"layout '{Name}': item sides must satisfy 1 <= min <= max <= {FashionScenes.ImageSize}, got {MinObjectSize}..{MaxObjectSize}");
        if (MaxObjects is < 1 or > FashionScenes.MaxObjects)
            throw new ArgumentException($"layout '{Name}': at most 1 to {FashionScenes.MaxObjects} items, got {MaxObjects}");
    }
}
