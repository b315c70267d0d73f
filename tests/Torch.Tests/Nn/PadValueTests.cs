using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.pad against hand-worked 1x1x3x3 examples.</summary>
public class PadValueTests
{
    // [[1, 2, 3],
    //  [4, 5, 6],
    //  [7, 8, 9]]
    private static Tensor Input() => torch.tensor(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new long[] { 1, 1, 3, 3 });

    [Test]
    public void Reflect_by_one_on_every_side()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.pad(Input(), new long[] { 1, 1, 1, 1 }, PaddingMode.Reflect);
        y.shape.Should().Equal(1, 1, 5, 5);
        y.ToArray<double>().Should().Equal(
            5, 4, 5, 6, 5,
            2, 1, 2, 3, 2,
            5, 4, 5, 6, 5,
            8, 7, 8, 9, 8,
            5, 4, 5, 6, 5);
    }

    [Test]
    public void Reflect_asymmetric()
    {
        using var scope = torch.NewDisposeScope();
        // left 2, right 0, top 0, bottom 1
        var y = F.pad(Input(), new long[] { 2, 0, 0, 1 }, PaddingMode.Reflect);
        y.shape.Should().Equal(1, 1, 4, 5);
        y.ToArray<double>().Should().Equal(
            3, 2, 1, 2, 3,
            6, 5, 4, 5, 6,
            9, 8, 7, 8, 9,
            6, 5, 4, 5, 6);
    }

    [Test]
    public void Replicate_repeats_the_edge()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.pad(Input(), new long[] { 0, 2, 1, 0 }, PaddingMode.Replicate);
        y.shape.Should().Equal(1, 1, 4, 5);
        y.ToArray<double>().Should().Equal(
            1, 2, 3, 3, 3,
            1, 2, 3, 3, 3,
            4, 5, 6, 6, 6,
            7, 8, 9, 9, 9);
    }

    [Test]
    public void Circular_wraps_around()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.pad(Input(), new long[] { 1, 1, 0, 1 }, PaddingMode.Circular);
        y.shape.Should().Equal(1, 1, 4, 5);
        y.ToArray<double>().Should().Equal(
            3, 1, 2, 3, 1,
            6, 4, 5, 6, 4,
            9, 7, 8, 9, 7,
            3, 1, 2, 3, 1);
    }

    [Test]
    public void Constant_uses_the_value()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.pad(Input(), new long[] { 1, 0, 0, 1 }, PaddingMode.Constant, 7);
        y.shape.Should().Equal(1, 1, 4, 4);
        y.ToArray<double>().Should().Equal(
            7, 1, 2, 3,
            7, 4, 5, 6,
            7, 7, 8, 9,
            7, 7, 7, 7);
        F.pad(Input(), new long[] { 1, 1 }).select(2, 0).ToArray<double>().Should().Equal(0, 1, 2, 3, 0);
    }

    [Test]
    public void Constant_pad_of_an_integer_tensor_keeps_the_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.pad(torch.tensor(new long[] { 1, 2 }, new long[] { 1, 2 }), new long[] { 1, 1 }, PaddingMode.Constant, 5);
        y.dtype.Should().Be(ScalarType.Int64);
        y.ToArray<long>().Should().Equal(5, 1, 2, 5);
    }
}
