namespace AdvCam.Torch.Tests;

/// <summary>Reductions against hand-computed values.</summary>
public class ReductionTests
{
    // [[1, 5, 3],
    //  [4, 2, 6]]
    private static Tensor Matrix() => torch.tensor(new double[] { 1, 5, 3, 4, 2, 6 }, new long[] { 2, 3 });

    [Test]
    public void Sum_over_all_and_over_dims()
    {
        using var scope = torch.NewDisposeScope();
        var x = Matrix();
        x.sum().item<double>().Should().Be(21);
        x.sum().dim().Should().Be(0);
        x.sum(0).ToArray<double>().Should().Equal(5, 7, 9);
        x.sum(1).ToArray<double>().Should().Equal(9, 12);
        x.sum(-1).ToArray<double>().Should().Equal(9, 12);
        x.sum(1, keepdim: true).shape.Should().Equal(2, 1);
        x.sum(new long[] { 0, 1 }).item<double>().Should().Be(21);
    }

    [Test]
    public void Sum_of_integers_stays_integer()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 1, 5, 3, 4, 2, 6 }, new long[] { 2, 3 });
        var s = x.sum(0);
        s.dtype.Should().Be(ScalarType.Int64);
        s.ToArray<long>().Should().Equal(5, 7, 9);
    }

    [Test]
    public void Sum_without_dims_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        var x = Matrix();
        var act = () => x.sum(Array.Empty<long>());
        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Mean_over_all_and_over_dims()
    {
        using var scope = torch.NewDisposeScope();
        var x = Matrix();
        x.mean().item<double>().Should().Be(3.5);
        x.mean(0).ToArray<double>().Should().Equal(2.5, 3.5, 4.5);
        x.mean(1).ToArray<double>().Should().Equal(3, 4);
        x.mean(0, keepdim: true).shape.Should().Equal(1, 3);
        x.mean(new long[] { 0, 1 }).item<double>().Should().Be(3.5);
    }

    [Test]
    public void Max_and_min_along_a_dim_return_values_and_indices()
    {
        using var scope = torch.NewDisposeScope();
        var x = Matrix();
        var (maxValues, maxIndices) = x.max(1);
        maxValues.ToArray<double>().Should().Equal(5, 6);
        maxIndices.dtype.Should().Be(ScalarType.Int64);
        maxIndices.ToArray<long>().Should().Equal(1, 2);

        var (minValues, minIndices) = x.min(0);
        minValues.ToArray<double>().Should().Equal(1, 2, 3);
        minIndices.ToArray<long>().Should().Equal(0, 1, 0);

        var (kept, keptIndices) = x.max(0, keepdim: true);
        kept.shape.Should().Equal(1, 3);
        keptIndices.shape.Should().Equal(1, 3);

        x.max().item<double>().Should().Be(6);
        x.min().item<double>().Should().Be(1);
        x.amax(new long[] { 1 }).ToArray<double>().Should().Equal(5, 6);
        x.amin(new long[] { 0 }).ToArray<double>().Should().Equal(1, 2, 3);
    }

    [Test]
    public void Argmax_and_argmin()
    {
        using var scope = torch.NewDisposeScope();
        var x = Matrix();
        x.argmax().item<long>().Should().Be(5, "the flattened index of 6");
        x.argmin().item<long>().Should().Be(0);
        x.argmax(0).ToArray<long>().Should().Equal(1, 0, 1);
        x.argmax(1).ToArray<long>().Should().Equal(1, 2);
        x.argmin(1).ToArray<long>().Should().Equal(0, 1);
        x.argmax(1, keepdim: true).shape.Should().Equal(2, 1);
    }

    [Test]
    public void Topk_largest_and_smallest()
    {
        using var scope = torch.NewDisposeScope();
        var x = Matrix();
        var (values, indices) = x.topk(2);
        values.ToArray<double>().Should().Equal(5, 3, 6, 4);
        indices.ToArray<long>().Should().Equal(1, 2, 2, 0);

        var (small, smallIndices) = x.topk(1, dim: 1, largest: false);
        small.ToArray<double>().Should().Equal(1, 2);
        smallIndices.ToArray<long>().Should().Equal(0, 1);

        var (columns, columnIndices) = x.topk(1, dim: 0);
        columns.ToArray<double>().Should().Equal(4, 5, 6);
        columnIndices.ToArray<long>().Should().Equal(1, 0, 1);
    }

    [Test]
    public void Sort_ascending_and_descending()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 3, 1, 2 });
        var (up, upIndices) = x.sort();
        up.ToArray<double>().Should().Equal(1, 2, 3);
        upIndices.ToArray<long>().Should().Equal(1, 2, 0);
        var (down, downIndices) = x.sort(descending: true);
        down.ToArray<double>().Should().Equal(3, 2, 1);
        downIndices.ToArray<long>().Should().Equal(0, 2, 1);
    }

    [Test]
    public void Var_and_std_unbiased_and_biased()
    {
        using var scope = torch.NewDisposeScope();
        // mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5
        var x = torch.tensor(new double[] { 1, 2, 3, 4 });
        x.var().item<double>().Should().BeApproximately(5.0 / 3, Tolerances.Float64);
        x.var(unbiased: false).item<double>().Should().BeApproximately(1.25, Tolerances.Float64);
        x.std().item<double>().Should().BeApproximately(Math.Sqrt(5.0 / 3), Tolerances.Float64);
        x.std(unbiased: false).item<double>().Should().BeApproximately(Math.Sqrt(1.25), Tolerances.Float64);

        // Rows of Matrix(): squared deviations 8 and 8 over 3 elements.
        var m = Matrix();
        m.var(new long[] { 1 }).ToArray<double>().Should().Equal(4, 4);
        var biased = m.var(new long[] { 1 }, unbiased: false).ToArray<double>();
        biased[0].Should().BeApproximately(8.0 / 3, Tolerances.Float64);
        biased[1].Should().BeApproximately(8.0 / 3, Tolerances.Float64);
        m.std(new long[] { 1 }, keepdim: true).shape.Should().Equal(2, 1);
        m.std(new long[] { 1 }).ToArray<double>().Should().Equal(2, 2);
        // Columns: (1, 4), (5, 2), (3, 6): squared deviations 4.5 each over 2 elements.
        m.var(new long[] { 0 }).ToArray<double>().Should().Equal(4.5, 4.5, 4.5);
        m.var(new long[] { 0 }, unbiased: false).ToArray<double>().Should().Equal(2.25, 2.25, 2.25);
    }

    [Test]
    public void Prod_cumsum_norm_all_any()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, -2, 3, 4 });
        x.prod().item<double>().Should().Be(-24);
        x.cumsum(0).ToArray<double>().Should().Equal(1, -1, 2, 6);
        x.norm().item<double>().Should().BeApproximately(Math.Sqrt(30), Tolerances.Float64);
        x.norm(1).item<double>().Should().Be(10);
        x.gt(0).all().item<bool>().Should().BeFalse();
        x.gt(0).any().item<bool>().Should().BeTrue();
        torch.tensor(new long[] { 1, 1, 3 }).bincount(5).ToArray<long>().Should().Equal(0, 2, 0, 1, 0);
    }
}
