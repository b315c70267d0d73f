namespace AdvCam.Torch.Tests;

/// <summary>Shape, indexing and combination ops against hand-computed values.</summary>
public class ShapeTests
{
    // [[0, 1, 2, 3],
    //  [4, 5, 6, 7],
    //  [8, 9, 10, 11]]
    private static Tensor Grid() => torch.arange(12).reshape(3, 4);

    [Test]
    public void Reshape_view_flatten_squeeze_unsqueeze()
    {
        using var scope = torch.NewDisposeScope();
        var x = Grid();
        x.shape.Should().Equal(3, 4);
        x.reshape(2, -1).shape.Should().Equal(2, 6);
        x.reshape(2, -1).ToArray<long>().Should().Equal(Enumerable.Range(0, 12).Select(i => (long)i));
        x.view(4, 3).shape.Should().Equal(4, 3);
        x.reshape(1, 3, 1, 4).flatten(1).shape.Should().Equal(1, 12);
        x.flatten().shape.Should().Equal(12);
        var u = x.unsqueeze(0).unsqueeze(-1);
        u.shape.Should().Equal(1, 3, 4, 1);
        u.squeeze(0).shape.Should().Equal(3, 4, 1);
        u.squeeze().shape.Should().Equal(3, 4);
        x.numel().Should().Be(12);
        x.dim().Should().Be(2);
        x.size(-1).Should().Be(4);
    }

    [Test]
    public void Permute_and_transpose()
    {
        using var scope = torch.NewDisposeScope();
        var x = Grid();
        var t = x.transpose(0, 1);
        t.shape.Should().Equal(4, 3);
        t.is_contiguous().Should().BeFalse();
        t.ToArray<long>().Should().Equal(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
        t.contiguous().is_contiguous().Should().BeTrue();

        var cube = torch.arange(24).reshape(2, 3, 4);
        var p = cube.permute(2, 0, 1);
        p.shape.Should().Equal(4, 2, 3);
        // p[k, i, j] = cube[i, j, k] = 12 i + 4 j + k
        p.select(0, 1).ToArray<long>().Should().Equal(1, 5, 9, 13, 17, 21);
        p.select(0, 3).select(0, 1).ToArray<long>().Should().Equal(15, 19, 23);
    }

    [Test]
    public void Narrow_slice_select()
    {
        using var scope = torch.NewDisposeScope();
        var x = Grid();
        x.narrow(1, 1, 2).ToArray<long>().Should().Equal(1, 2, 5, 6, 9, 10);
        x.narrow(0, 2, 1).ToArray<long>().Should().Equal(8, 9, 10, 11);
        x.slice(1, 0, 4, 2).ToArray<long>().Should().Equal(0, 2, 4, 6, 8, 10);
        x.slice(0, 1, 3).ToArray<long>().Should().Equal(4, 5, 6, 7, 8, 9, 10, 11);
        x.select(1, 3).ToArray<long>().Should().Equal(3, 7, 11);
        x.select(0, -1).ToArray<long>().Should().Equal(8, 9, 10, 11);
    }

    [Test]
    public void Narrow_is_a_view_sharing_storage()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(new long[] { 2, 3 }, ScalarType.Float64);
        x.narrow(1, 1, 1).fill_(5);
        x.ToArray<double>().Should().Equal(0, 5, 0, 0, 5, 0);
    }

    [Test]
    public void Index_select_gather_scatter()
    {
        using var scope = torch.NewDisposeScope();
        var x = Grid();
        x.index_select(0, torch.tensor(new long[] { 2, 0 })).ToArray<long>().Should().Equal(8, 9, 10, 11, 0, 1, 2, 3);
        x.index_select(1, torch.tensor(new long[] { 3, 3, 1 })).ToArray<long>().Should().Equal(3, 3, 1, 7, 7, 5, 11, 11, 9);

        // out[i][j] = x[i][index[i][j]]
        var index = torch.tensor(new long[] { 3, 0, 1, 1, 2, 0 }, new long[] { 3, 2 });
        x.gather(1, index).ToArray<long>().Should().Equal(3, 0, 5, 5, 10, 8);
        // out[i][j] = x[index[i][j]][j]
        x.gather(0, torch.tensor(new long[] { 2, 0, 1, 1 }, new long[] { 1, 4 })).ToArray<long>().Should().Equal(8, 1, 6, 7);

        var zeros = torch.zeros(new long[] { 2, 4 }, ScalarType.Int64);
        var src = torch.tensor(new long[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var scatterIndex = torch.tensor(new long[] { 3, 0, 1, 2 }, new long[] { 2, 2 });
        zeros.scatter(1, scatterIndex, src).ToArray<long>().Should().Equal(2, 0, 0, 1, 0, 3, 4, 0);
        zeros.ToArray<long>().Should().OnlyContain(v => v == 0, "scatter returns a copy");
        var sameSlot = torch.tensor(new long[] { 1, 1, 0, 0 }, new long[] { 2, 2 });
        zeros.scatter_add(1, sameSlot, src).ToArray<long>().Should().Equal(0, 3, 0, 0, 7, 0, 0, 0);
    }

    [Test]
    public void Cat_and_stack()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var b = torch.tensor(new double[] { 5, 6 }, new long[] { 1, 2 });
        var c = torch.tensor(new double[] { 7, 8, 9, 10 }, new long[] { 2, 2 });

        var rows = torch.cat(new[] { a, b });
        rows.shape.Should().Equal(3, 2);
        rows.ToArray<double>().Should().Equal(1, 2, 3, 4, 5, 6);
        torch.cat(new[] { a, c }, 1).ToArray<double>().Should().Equal(1, 2, 7, 8, 3, 4, 9, 10);

        var stacked = torch.stack(new[] { a, c });
        stacked.shape.Should().Equal(2, 2, 2);
        stacked.ToArray<double>().Should().Equal(1, 2, 3, 4, 7, 8, 9, 10);
        var inner = torch.stack(new[] { a, c }, 2);
        inner.shape.Should().Equal(2, 2, 2);
        inner.ToArray<double>().Should().Equal(1, 7, 2, 8, 3, 9, 4, 10);
    }

    [Test]
    public void Masked_fill_masked_select_where_nonzero()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, -2, 3, -4 }, new long[] { 2, 2 });
        var negative = x < 0;
        x.masked_fill(negative, 0).ToArray<double>().Should().Equal(1, 0, 3, 0);
        x.masked_select(negative).ToArray<double>().Should().Equal(-2, -4);
        torch.where(negative, x.neg(), x * 10).ToArray<double>().Should().Equal(10, 2, 30, 4);
        negative.nonzero().ToArray<long>().Should().Equal(0, 1, 1, 1);

        var ints = torch.tensor(new long[] { 1, 2, 3 });
        var filled = ints.masked_fill(ints.eq(2), -7);
        filled.dtype.Should().Be(ScalarType.Int64);
        filled.ToArray<long>().Should().Equal(1, -7, 3);
        // A broadcast row mask.
        var rowMask = torch.tensor(new bool[] { true, false });
        x.masked_fill(rowMask, 9).ToArray<double>().Should().Equal(9, -2, 9, -4);
    }

    [Test]
    public void Flip_and_roll()
    {
        using var scope = torch.NewDisposeScope();
        var x = Grid();
        x.flip(1).ToArray<long>().Should().Equal(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8);
        x.flip(0).ToArray<long>().Should().Equal(8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
        x.flip(0, 1).ToArray<long>().Should().Equal(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        x.roll(1, 1).ToArray<long>().Should().Equal(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10);
        x.roll(-1, 0).ToArray<long>().Should().Equal(4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3);
        x.roll(new long[] { 1, 2 }, new long[] { 0, 1 }).ToArray<long>().Should().Equal(10, 11, 8, 9, 2, 3, 0, 1, 6, 7, 4, 5);
    }

    [Test]
    public void Expand_repeat_tril_triu()
    {
        using var scope = torch.NewDisposeScope();
        var column = torch.tensor(new long[] { 1, 2 }, new long[] { 2, 1 });
        column.expand(2, 3).ToArray<long>().Should().Equal(1, 1, 1, 2, 2, 2);
        column.repeat(2, 2).ToArray<long>().Should().Equal(1, 1, 2, 2, 1, 1, 2, 2);
        var ones = torch.ones(new long[] { 3, 3 }, ScalarType.Int64);
        ones.tril().ToArray<long>().Should().Equal(1, 0, 0, 1, 1, 0, 1, 1, 1);
        ones.triu(1).ToArray<long>().Should().Equal(0, 1, 1, 0, 0, 1, 0, 0, 0);
    }
}
