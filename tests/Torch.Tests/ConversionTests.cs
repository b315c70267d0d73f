namespace AdvCam.Torch.Tests;

/// <summary>dtype conversion and reading values back (ToArray, item).</summary>
public class ConversionTests
{
    [Test]
    public void Float_to_int64_truncates_toward_zero()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1.7f, -1.7f, 2.5f, -0.2f });
        var l = x.to(ScalarType.Int64);
        l.dtype.Should().Be(ScalarType.Int64);
        l.ToArray<long>().Should().Equal(1, -1, 2, 0);
        x.@long().ToArray<long>().Should().Equal(1, -1, 2, 0);
    }

    [Test]
    public void Conversions_between_dtypes_keep_values()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 0, 2, -1 });
        x.@float().ToArray<float>().Should().Equal(0f, 2f, -1f);
        x.@double().ToArray<double>().Should().Equal(0, 2, -1);
        x.@bool().ToArray<bool>().Should().Equal(false, true, true);
        x.to(ScalarType.Int32).ToArray<int>().Should().Equal(0, 2, -1);
        x.to(ScalarType.Int16).ToArray<short>().Should().Equal(0, 2, -1);
        x.to(ScalarType.Int8).ToArray<sbyte>().Should().Equal(0, 2, -1);
        torch.tensor(new long[] { 0, 200 }).to(ScalarType.Byte).ToArray<byte>().Should().Equal(0, 200);
        torch.tensor(new double[] { 0.1 }).@float().item<float>().Should().Be(0.1f);
        var half = torch.tensor(new float[] { 1.5f, -2f }).to(ScalarType.Float16);
        half.dtype.Should().Be(ScalarType.Float16);
        half.ToArray<Half>().Should().Equal((Half)1.5f, (Half)(-2f));
        half.@float().ToArray<float>().Should().Equal(1.5f, -2f);
        var bf = torch.tensor(new float[] { 3f }).to(ScalarType.BFloat16);
        bf.dtype.Should().Be(ScalarType.BFloat16);
        bf.@float().item<float>().Should().Be(3f);
    }

    [Test]
    public void To_the_same_dtype_keeps_the_values()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2 });
        var y = x.to(ScalarType.Float64);
        y.ToArray<double>().Should().Equal(1, 2);
        y.dtype.Should().Be(ScalarType.Float64);
    }

    [Test]
    public void ToArray_reads_non_contiguous_tensors_in_logical_order()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        x.transpose(0, 1).ToArray<double>().Should().Equal(1, 4, 2, 5, 3, 6);
        x.slice(1, 0, 3, 2).ToArray<double>().Should().Equal(1, 3, 4, 6);
    }

    [Test]
    public void ToArray_of_a_tensor_that_requires_grad()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        (x * 2).ToArray<double>().Should().Equal(2, 4);
    }

    [Test]
    public void ToArray_with_the_wrong_element_type_throws()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1, 2 });
        var act = () => x.ToArray<double>();
        act.Should().Throw<TorchException>().Where(e => e.Operation == "ToArray" && e.Message.Contains("Float"));
    }

    [Test]
    public void Item_reads_one_element_tensors_of_every_kind()
    {
        using var scope = torch.NewDisposeScope();
        torch.tensor(new double[] { 2.25 }).item<double>().Should().Be(2.25);
        torch.tensor(new float[] { 2.25f }).item<float>().Should().Be(2.25f);
        torch.tensor(new float[] { 2.25f }).ToDouble().Should().Be(2.25);
        torch.tensor(new long[] { -3_000_000_000 }).item<long>().Should().Be(-3_000_000_000);
        torch.tensor(new int[] { 7 }, new long[] { 1, 1 }).item<int>().Should().Be(7);
        torch.tensor(new bool[] { true }).item<bool>().Should().BeTrue();
        torch.scalar_tensor(4, ScalarType.Int64).item<long>().Should().Be(4);
        torch.scalar_tensor(4, ScalarType.Int64).dim().Should().Be(0);
        torch.tensor(new long[] { 5 }).item<double>().Should().Be(5);
    }

    [Test]
    public void Item_of_several_elements_throws()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2 });
        var act = () => x.item<double>();
        act.Should().Throw<TorchException>().Where(e => e.Operation == "item");
    }

    [Test]
    public void Item_int_overflow_throws()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { long.MaxValue });
        var act = () => x.item<int>();
        act.Should().Throw<OverflowException>();
    }

    [Test]
    public void From_array_keeps_the_shape_and_row_major_order()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.from_array<int>(new int[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        x.shape.Should().Equal(2, 3);
        x.dtype.Should().Be(ScalarType.Int32);
        x.select(1, 2).ToArray<int>().Should().Equal(3, 6);
    }

    [Test]
    public void Creation_functions()
    {
        using var scope = torch.NewDisposeScope();
        torch.zeros(2, 2).ToArray<float>().Should().Equal(0f, 0f, 0f, 0f);
        torch.ones(new long[] { 3 }, ScalarType.Int64).ToArray<long>().Should().Equal(1, 1, 1);
        torch.full(new long[] { 2 }, 7, ScalarType.Int32).ToArray<int>().Should().Equal(7, 7);
        torch.arange(2, 8, 2).ToArray<long>().Should().Equal(2, 4, 6);
        torch.arange(0, 1, 0.25, ScalarType.Float64).ToArray<double>().Should().Equal(0, 0.25, 0.5, 0.75);
        torch.linspace(0, 1, 5, ScalarType.Float64).ToArray<double>().Should().Equal(0, 0.25, 0.5, 0.75, 1);
        torch.eye(2, ScalarType.Int64).ToArray<long>().Should().Equal(1, 0, 0, 1);
        var like = torch.tensor(new int[] { 1, 2, 3 });
        torch.zeros_like(like).ToArray<int>().Should().Equal(0, 0, 0);
        torch.ones_like(like).ToArray<int>().Should().Equal(1, 1, 1);
        torch.full_like(like, 9).ToArray<int>().Should().Equal(9, 9, 9);
        torch.empty(new long[] { 2, 0 }, ScalarType.Float32).numel().Should().Be(0);
    }
}
