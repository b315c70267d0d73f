using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>The camera-shake trajectory kernel: normalised, sized by its extent, deterministic per seed.</summary>
public class CameraShakeKernelTests
{
    /// <summary>A float32 kernel's sum may miss 1 by the rounding of its entries.</summary>
    private const double SumTolerance = 1e-5;

    [TestCase(5.0, 0L)]
    [TestCase(11.2, 7L)]
    [TestCase(23.0, -3L)]
    public void Sums_to_1_and_spans_its_extent(double extent, long seed)
    {
        using var scope = torch.NewDisposeScope();
        var k = BlurTestData.ToGrid(CameraShakeKernel.Build(extent, seed));
        var n = k.GetLength(0);
        n.Should().Be(2 * (int)Math.Ceiling((extent - 1) / 2) + 1);
        BlurTestData.Sum(k).Should().BeApproximately(1, SumTolerance);
        // The bounding box's larger side is extent - 1 and it is centred: weight reaches both edges of one axis.
        var rows = Enumerable.Range(0, n).Where(r => Enumerable.Range(0, n).Any(c => k[r, c] > 0)).ToArray();
        var cols = Enumerable.Range(0, n).Where(c => Enumerable.Range(0, n).Any(r => k[r, c] > 0)).ToArray();
        Math.Max(rows.Max() - rows.Min(), cols.Max() - cols.Min()).Should().BeGreaterThanOrEqualTo((int)Math.Floor(extent - 1) - 1);
        BlurTestData.NonZero(k).Should().BeGreaterThan((int)(extent - 1), "a connected path across the box visits at least that many pixels");
    }

    [Test]
    public void Is_the_same_for_the_same_seed_and_different_for_another()
    {
        using var scope = torch.NewDisposeScope();
        var a = CameraShakeKernel.Build(9, 42);
        CameraShakeKernel.Build(9, 42).equal(a).Should().BeTrue("same seed, same kernel");
        foreach (var other in new long[] { 43, 0, -42 })
            CameraShakeKernel.Build(9, other).equal(a).Should().BeFalse($"seed {other} draws another trajectory");
    }

    [Test]
    public void Extent_1_is_the_identity()
    {
        using var scope = torch.NewDisposeScope();
        BlurTestData.ToGrid(CameraShakeKernel.Build(1, 5)).Should().BeEquivalentTo(new float[,] { { 1 } });
    }

    [Test]
    public void Refuses_an_extent_below_1()
    {
        FluentActions.Invoking(() => CameraShakeKernel.Build(0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*extent*");
    }
}
