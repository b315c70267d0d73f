using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Data;

/// <summary>
/// FashionScenes, our weakly-supervised segmentation benchmark (DESIGN.md §5): RGB 64x64 scenes of one to three
/// coloured Fashion-MNIST items on a smooth noisy background, with a ground-truth segmentation and a multi-hot label.
/// Scene <c>i</c> of seed <c>s</c> depends only on (s, i) and the source split, so any range of scenes can be
/// generated on its own (<see cref="GenerateBatch"/>) and the whole set is never held in memory. Standard sets:
/// train 10000 scenes with seed 0 from the train split, test 1000 scenes with seed 1 from the test split
/// (<see cref="Standard"/>).
/// </summary>
/// <remarks>
/// <para><b>Random numbers.</b> All of a scene's random numbers come from one libtorch CPU generator (mt19937,
/// <see cref="Generator"/>) seeded with <see cref="SceneSeed"/>(seed, i), in this order (Python:
/// <c>g = torch.Generator().manual_seed(scene_seed)</c>):</para>
/// <list type="number">
/// <item><c>u = torch.rand(25, generator=g, dtype=torch.float64)</c>: the layout. With <c>pick(v, n) = min(n - 1,
/// floor(v * n))</c>: K = 1 + pick(u[0], 3). Object j (0-based, j &lt; K; the draws of objects j &gt;= K are made but
/// unused) reads u[1 + 8j .. 8 + 8j] as: class = the pick(u[1+8j], 10 - j)-th of the classes not yet used, in
/// ascending order; item = the pick(u[2+8j], n)-th of the n items of that class in the source split, in file order;
/// S = 28 + pick(u[3+8j], 17) (another <see cref="FashionSceneLayout"/>: K = 1 + pick(u[0], its most items), S = its
/// smallest side + pick(u[3+8j], its largest - smallest + 1)); colour = (u[4+8j], u[5+8j], u[6+8j]) rounded to float32; top = pick(u[7+8j], 64 - S + 1);
/// left = pick(u[8+8j], 64 - S + 1).</item>
/// <item><c>r = torch.rand(1, 3, 4, 4, generator=g)</c> (float32): the background grid <c>r * 0.6 + 0.2</c>.</item>
/// <item><c>n = torch.randn(1, 3, 64, 64, generator=g)</c> (float32): the pixel noise.</item>
/// </list>
/// <para><b>Rendering</b> (float32 throughout, on the CPU):
/// <c>canvas = clamp(interpolate(r * 0.6 + 0.2, (64, 64), bilinear, align_corners=False) + n * 0.03, 0, 1)</c>; then for
/// each object, bottom to top: <c>a = interpolate(item.float() / 255 as [1,1,28,28], (S, S), bilinear,
/// align_corners=False)</c>; in the window rows top..top+S-1, columns left..left+S-1:
/// <c>canvas = (1 - a) * canvas + a * colour</c> and <c>gt[a &gt;= 0.1] = class + 1</c> (gt starts all 0, int64).
/// Label: <c>label[c] = 1</c> when <c>count(gt == c + 1) &gt;= 20</c>, i.e. the item has at least 20 mask pixels that
/// no later item's mask covers.</para>
/// <para>Instances are immutable; scenes may be generated from several threads at once.</para>
/// </remarks>
public sealed class FashionScenes
{
    /// <summary>Height and width of a scene.</summary>
    public const int ImageSize = 64;

    /// <summary>Smallest side of a pasted item in the standard layout (<see cref="FashionSceneLayout.Standard"/>).</summary>
    public const int MinObjectSize = 28;

    /// <summary>Largest side of a pasted item in the standard layout.</summary>
    public const int MaxObjectSize = 44;

    /// <summary>Most items in a scene (at least one): the standard layout's, and the most any layout may have (the layout
    /// draws are made for this many).</summary>
    public const int MaxObjects = 3;

    /// <summary>Alpha at or above which an item pixel belongs to its mask.</summary>
    public const double MaskThreshold = 0.1;

    /// <summary>Visible mask pixels an item needs for its class to be in the label.</summary>
    public const int MinVisiblePixels = 20;

    /// <summary>Seed of the standard train set.</summary>
    public const int StandardTrainSeed = 0;

    /// <summary>Size of the standard train set.</summary>
    public const int StandardTrainCount = 10000;

    /// <summary>Seed of the standard test set.</summary>
    public const int StandardTestSeed = 1;

    /// <summary>Size of the standard test set.</summary>
    public const int StandardTestCount = 1000;

    private const int DrawsPerObject = 8;
    private const int LayoutDraws = 1 + MaxObjects * DrawsPerObject;

    /// <summary>A set of <paramref name="count"/> scenes drawn with <paramref name="seed"/> from <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">A class has no items in <paramref name="source"/>.</exception>
    public FashionScenes(FashionMnist source, int seed, int count) : this(source, seed, count, FashionSceneLayout.Standard)
    {
    }

    /// <summary>A set of <paramref name="count"/> scenes drawn with <paramref name="seed"/> from <paramref name="source"/>,
    /// with the item sizes and counts of <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">A class has no items in <paramref name="source"/>, or the layout is out of range.</exception>
    public FashionScenes(FashionMnist source, int seed, int count, FashionSceneLayout layout)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        layout.Validate();
        for (var c = 0; c < FashionMnist.ClassCount; c++)
        {
            if (source.IndicesOfClass(c).Count == 0)
                throw new ArgumentException($"the {source.Split} split from {source.Directory} has no item of class {c} ({FashionMnist.ClassNames[c]})", nameof(source));
        }
        Source = source;
        Seed = seed;
        Count = count;
        Layout = layout;
    }

    /// <summary>The standard set of <paramref name="source"/>'s split: train 10000 scenes with seed 0, test 1000 with seed 1.</summary>
    public static FashionScenes Standard(FashionMnist source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Split == FashionMnistSplit.Train
            ? new FashionScenes(source, StandardTrainSeed, StandardTrainCount)
            : new FashionScenes(source, StandardTestSeed, StandardTestCount);
    }

    /// <summary>The Fashion-MNIST split the items come from.</summary>
    public FashionMnist Source { get; }

    /// <summary>The item sizes and counts.</summary>
    public FashionSceneLayout Layout { get; }

    /// <summary>The set's seed.</summary>
    public int Seed { get; }

    /// <summary>Number of scenes.</summary>
    public int Count { get; }

    /// <summary>
    /// The generator seed of scene <paramref name="index"/> of <paramref name="seed"/>: MurmurHash3's 32-bit finaliser
    /// of <c>(uint)seed * 0x9E3779B9 + (uint)index</c> (mod 2^32): <c>h ^= h &gt;&gt; 16; h *= 0x85EBCA6B;
    /// h ^= h &gt;&gt; 13; h *= 0xC2B2AE35; h ^= h &gt;&gt; 16</c>. 32 bits because libtorch's mt19937 uses only the low 32
    /// bits of a seed; the finaliser is a bijection, so two scenes share a seed only when their keys collide, which
    /// for nearby seeds needs indices above a billion (the standard sets' 11000 seeds are all distinct).
    /// </summary>
    public static uint SceneSeed(int seed, int index)
    {
        var h = unchecked((uint)seed * 0x9E3779B9u + (uint)index);
        h ^= h >> 16;
        h = unchecked(h * 0x85EBCA6Bu);
        h ^= h >> 13;
        h = unchecked(h * 0xC2B2AE35u);
        h ^= h >> 16;
        return h;
    }

    /// <summary>The items of scene <paramref name="index"/>, bottom to top (only the layout draws are made).</summary>
    public IReadOnlyList<FashionSceneObject> Describe(int index)
    {
        CheckRange(index, 1);
        using var g = new Generator(SceneSeed(Seed, index));
        using var scope = torch.NewDisposeScope();
        return DrawLayout(g);
    }

    /// <summary>Scene <paramref name="index"/> as a batch of one: images [1, 3, 64, 64], masks [1, 64, 64], labels [1, 10].</summary>
    public FashionSceneBatch Generate(int index) => GenerateBatch(index, 1);

    /// <summary>
    /// Scenes <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1: images float32
    /// [B, 3, 64, 64] in [0, 1], masks int64 [B, 64, 64], labels float32 [B, 10], on the CPU. Each scene is exactly
    /// what <see cref="Generate"/> gives for its index. The tensors go to the caller's dispose scope (if any).
    /// </summary>
    public FashionSceneBatch GenerateBatch(int start, int count)
    {
        CheckRange(start, count);
        using var scope = torch.NewDisposeScope();
        var images = torch.empty([count, 3, ImageSize, ImageSize], ScalarType.Float32);
        var masks = torch.empty([count, ImageSize, ImageSize], ScalarType.Int64);
        var labels = torch.empty([count, FashionMnist.ClassCount], ScalarType.Float32);
        for (var b = 0; b < count; b++)
        {
            using var sceneScope = torch.NewDisposeScope();
            var (image, mask, label) = Render(start + b);
            images.select(0, b).copy_(image);
            masks.select(0, b).copy_(mask);
            labels.select(0, b).copy_(label);
        }
        scope.MoveToOuter(images, masks, labels);
        return new FashionSceneBatch(images, masks, labels);
    }

    /// <summary>Draws the layout (the first 25 numbers of <paramref name="g"/>); tensors go to the caller's scope.</summary>
    private List<FashionSceneObject> DrawLayout(Generator g)
    {
        var u = torch.rand([LayoutDraws], g, ScalarType.Float64).ToArray<double>();
        var k = 1 + Pick(u[0], Layout.MaxObjects);
        var unused = Enumerable.Range(0, FashionMnist.ClassCount).ToList();
        var objects = new List<FashionSceneObject>(k);
        for (var j = 0; j < k; j++)
        {
            var d = 1 + DrawsPerObject * j;
            var slot = Pick(u[d], unused.Count);
            var label = unused[slot];
            unused.RemoveAt(slot);
            var items = Source.IndicesOfClass(label);
            var item = items[Pick(u[d + 1], items.Count)];
            var size = Layout.MinObjectSize + Pick(u[d + 2], Layout.MaxObjectSize - Layout.MinObjectSize + 1);
            var top = Pick(u[d + 6], ImageSize - size + 1);
            var left = Pick(u[d + 7], ImageSize - size + 1);
            objects.Add(new FashionSceneObject(label, item, size, top, left, (float)u[d + 3], (float)u[d + 4], (float)u[d + 5]));
        }
        return objects;
    }

    /// <summary>Renders one scene: image [3, 64, 64], gt [64, 64], label [10]; all tensors go to the caller's scope.</summary>
    private (Tensor Image, Tensor Mask, Tensor Label) Render(int index)
    {
        using var g = new Generator(SceneSeed(Seed, index));
        var objects = DrawLayout(g);
        var grid = torch.rand([1, 3, 4, 4], g) * 0.6 + 0.2;
        var noise = torch.randn([1, 3, ImageSize, ImageSize], g);
        var canvas = (F.interpolate(grid, [ImageSize, ImageSize], InterpolationMode.Bilinear, align_corners: false) + noise * 0.03)
            .clamp(0, 1).squeeze(0);
        var gt = torch.zeros([ImageSize, ImageSize], ScalarType.Int64);
        foreach (var o in objects)
        {
            var alpha = F.interpolate(Source.ImageBatch([o.Item]), [o.Size, o.Size], InterpolationMode.Bilinear, align_corners: false)
                .squeeze(0); // [1, S, S]
            var colour = torch.tensor(new[] { o.Red, o.Green, o.Blue }, [3, 1, 1]);
            var below = canvas.narrow(1, o.Top, o.Size).narrow(2, o.Left, o.Size);
            below.copy_((1 - alpha) * below + alpha * colour);
            var window = gt.narrow(0, o.Top, o.Size).narrow(1, o.Left, o.Size);
            window.copy_(window.masked_fill(alpha.squeeze(0) >= MaskThreshold, o.Label + 1));
        }
        var counts = gt.flatten().bincount(FashionMnist.ClassCount + 1);
        var label = (counts.narrow(0, 1, FashionMnist.ClassCount) >= MinVisiblePixels).to(ScalarType.Float32);
        return (canvas, gt, label);
    }

    private static int Pick(double u, int n) => Math.Min(n - 1, (int)Math.Floor(u * n));

    private void CheckRange(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"scenes {start}..{(long)start + count - 1} are outside this set of {Count}");
    }
}
