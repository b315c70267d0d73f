namespace AdvCam.Torch.Tests;

/// <summary>Arithmetic, comparison and unary elementwise ops against hand-computed values, including integer dtypes.</summary>
public class ElementwiseTests
{
    [Test]
    public void Int64_tensor_with_whole_scalars_stays_int64()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 1, 2, 3 });

        var sum = x + 2;
        sum.dtype.Should().Be(ScalarType.Int64);
        sum.ToArray<long>().Should().Equal(3, 4, 5);

        var product = x * 3;
        product.dtype.Should().Be(ScalarType.Int64);
        product.ToArray<long>().Should().Equal(3, 6, 9);

        var difference = x - 1;
        difference.dtype.Should().Be(ScalarType.Int64);
        difference.ToArray<long>().Should().Equal(0, 1, 2);

        var reversed = 10 - x;
        reversed.dtype.Should().Be(ScalarType.Int64);
        reversed.ToArray<long>().Should().Equal(9, 8, 7);

        var squared = x.pow(2);
        squared.dtype.Should().Be(ScalarType.Int64);
        squared.ToArray<long>().Should().Equal(1, 4, 9);

        var clamped = x.clamp(2, 2);
        clamped.dtype.Should().Be(ScalarType.Int64);
        clamped.ToArray<long>().Should().Equal(2, 2, 2);
    }

    [Test]
    public void Int32_tensor_with_whole_scalars_stays_int32()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new int[] { 1, 2, 3 });
        var y = (x + 2) * 2;
        y.dtype.Should().Be(ScalarType.Int32);
        y.ToArray<int>().Should().Equal(6, 8, 10);
    }

    [Test]
    public void Integer_tensor_with_fractional_scalar_or_true_division_becomes_float()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 1, 2, 3 });

        var sum = x + 0.5;
        sum.dtype.Should().Be(ScalarType.Float32);
        sum.ToArray<float>().Should().Equal(1.5f, 2.5f, 3.5f);

        var quotient = x / 2;
        quotient.dtype.Should().Be(ScalarType.Float32);
        quotient.ToArray<float>().Should().Equal(0.5f, 1f, 1.5f);

        var tensorQuotient = x.div(torch.tensor(new long[] { 2, 2, 2 }));
        tensorQuotient.dtype.Should().Be(ScalarType.Float32);
        tensorQuotient.ToArray<float>().Should().Equal(0.5f, 1f, 1.5f);
    }

    [Test]
    public void In_place_integer_updates_keep_the_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 1, 5, -3 });
        x.add_(2).mul_(3);
        x.dtype.Should().Be(ScalarType.Int64);
        x.ToArray<long>().Should().Equal(9, 21, -3);
        x.add_(torch.tensor(new long[] { 1, 1, 1 }), alpha: 2);
        x.ToArray<long>().Should().Equal(11, 23, -1);
        x.clamp_(0, 20);
        x.ToArray<long>().Should().Equal(11, 20, 0);
        x.fill_(7);
        x.ToArray<long>().Should().Equal(7, 7, 7);
    }

    [Test]
    public void Float_arithmetic_between_tensors_broadcasts()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        var row = torch.tensor(new double[] { 10, 20, 30 });
        var column = torch.tensor(new double[] { 2, 4 }, new long[] { 2, 1 });

        (a + row).ToArray<double>().Should().Equal(11, 22, 33, 14, 25, 36);
        (a - row).ToArray<double>().Should().Equal(-9, -18, -27, -6, -15, -24);
        (a * column).ToArray<double>().Should().Equal(2, 4, 6, 16, 20, 24);
        (a / column).ToArray<double>().Should().Equal(0.5, 1, 1.5, 1, 1.25, 1.5);
        a.add(row, alpha: 2).ToArray<double>().Should().Equal(21, 42, 63, 24, 45, 66);
        a.sub(row, alpha: 0.5).ToArray<double>().Should().Equal(-4, -8, -12, -1, -5, -9);
        a.pow(column).ToArray<double>().Should().Equal(1, 4, 9, 256, 625, 1296);
        (-a).ToArray<double>().Should().Equal(-1, -2, -3, -4, -5, -6);
        (12 / a).allclose(torch.tensor(new double[] { 12, 6, 4, 3, 2.4, 2 }, new long[] { 2, 3 }), rtol: 0, atol: Tolerances.Float64)
            .Should().BeTrue();
        var reciprocal = 2 / torch.tensor(new long[] { 1, 4 });
        reciprocal.dtype.Should().Be(ScalarType.Float32);
        reciprocal.ToArray<float>().Should().Equal(2f, 0.5f);
        a.maximum(row.div(10).mul(3)).ToArray<double>().Should().Equal(3, 6, 9, 4, 6, 9);
        a.minimum(column).ToArray<double>().Should().Equal(1, 2, 2, 4, 4, 4);
    }

    [Test]
    public void Remainder_follows_the_divisor_and_fmod_the_dividend()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { -4, -3, 5, 7 });
        x.remainder(3).ToArray<long>().Should().Equal(2, 0, 2, 1);
        x.fmod(3).ToArray<long>().Should().Equal(-1, 0, 2, 1);
        x.remainder(torch.tensor(new long[] { 3, 3, -3, -3 })).ToArray<long>().Should().Equal(2, 0, -1, -2);
    }

    [Test]
    public void Comparisons_give_bool_tensors()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3 });
        var y = torch.tensor(new double[] { 3, 2, 1 });

        var gt = x > 2;
        gt.dtype.Should().Be(ScalarType.Bool);
        gt.ToArray<bool>().Should().Equal(false, false, true);
        (x >= 2).ToArray<bool>().Should().Equal(false, true, true);
        (x < 2).ToArray<bool>().Should().Equal(true, false, false);
        (x <= 2).ToArray<bool>().Should().Equal(true, true, false);
        x.eq(2).ToArray<bool>().Should().Equal(false, true, false);
        x.ne(2).ToArray<bool>().Should().Equal(true, false, true);
        x.eq(y).ToArray<bool>().Should().Equal(false, true, false);
        x.ne(y).ToArray<bool>().Should().Equal(true, false, true);
        (x < y).ToArray<bool>().Should().Equal(true, false, false);
        (x > y).ToArray<bool>().Should().Equal(false, false, true);
        (x <= y).ToArray<bool>().Should().Equal(true, true, false);
        (x >= y).ToArray<bool>().Should().Equal(false, true, true);
        ((x > 1) & (y > 1)).ToArray<bool>().Should().Equal(false, true, false);
        ((x > 2) | (y > 2)).ToArray<bool>().Should().Equal(true, false, true);
        (!(x > 1)).ToArray<bool>().Should().Equal(true, false, false);

        torch.tensor(new long[] { 1, 2 }).eq(2).ToArray<bool>().Should().Equal(false, true);
        x.equal(x.clone()).Should().BeTrue();
        x.equal(y).Should().BeFalse();
        x.allclose(x + 1e-9).Should().BeTrue();
        x.allclose(x + 1e-3).Should().BeFalse();
    }

    [Test]
    public void Unary_functions()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { -2, -0.5, 0, 1, 4 });
        x.abs().ToArray<double>().Should().Equal(2, 0.5, 0, 1, 4);
        x.neg().ToArray<double>().Should().Equal(2, 0.5, 0, -1, -4);
        x.sign().ToArray<double>().Should().Equal(-1, -1, 0, 1, 1);
        x.relu().ToArray<double>().Should().Equal(0, 0, 0, 1, 4);
        x.square().ToArray<double>().Should().Equal(4, 0.25, 0, 1, 16);
        x.clamp(-1, 2).ToArray<double>().Should().Equal(-1, -0.5, 0, 1, 2);
        x.clamp(min: 0).ToArray<double>().Should().Equal(0, 0, 0, 1, 4);
        x.clamp(max: 0).ToArray<double>().Should().Equal(-2, -0.5, 0, 0, 0);
        x.leaky_relu(0.1).ToArray<double>().Should().Equal(-0.2, -0.05, 0, 1, 4);
        x.sigmoid().ToArray<double>()[2].Should().Be(0.5);
        x.tanh().ToArray<double>()[2].Should().Be(0);

        var p = torch.tensor(new double[] { 1, 4, 0.25 });
        p.sqrt().ToArray<double>().Should().Equal(1, 2, 0.5);
        p.rsqrt().ToArray<double>().Should().Equal(1, 0.5, 2);
        p.reciprocal().ToArray<double>().Should().Equal(1, 0.25, 4);
        p.log().ToArray<double>()[0].Should().Be(0);
        p.log().ToArray<double>()[1].Should().BeApproximately(Math.Log(4), Tolerances.Float64);
        p.exp().ToArray<double>()[0].Should().BeApproximately(Math.E, Tolerances.Float64);
        torch.tensor(new double[] { 0, Math.PI / 2 }).sin().ToArray<double>()[1].Should().BeApproximately(1, Tolerances.Float64);
        torch.tensor(new double[] { 0 }).cos().item<double>().Should().Be(1);
        torch.tensor(new double[] { 1e-10 }).log1p().item<double>().Should().BeApproximately(1e-10, 1e-20);
        torch.tensor(new double[] { 0 }).log_sigmoid().item<double>().Should().BeApproximately(-Math.Log(2), Tolerances.Float64);
    }

    [Test]
    public void Rounding_rounds_half_to_even()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { -1.5, -0.5, 0.5, 1.5, 2.5, 2.7 });
        x.floor().ToArray<double>().Should().Equal(-2, -1, 0, 1, 2, 2);
        x.ceil().ToArray<double>().Should().Equal(-1, -0, 1, 2, 3, 3);
        x.round().ToArray<double>().Should().Equal(-2, -0, 0, 2, 2, 3);
    }

    [Test]
    public void Nan_and_infinity_tests()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, double.NaN, double.PositiveInfinity });
        x.isnan().ToArray<bool>().Should().Equal(false, true, false);
        x.isfinite().ToArray<bool>().Should().Equal(true, false, false);
    }

    [Test]
    public void Matmul_of_hand_worked_matrices()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        var b = torch.tensor(new double[] { 7, 8, 9, 10, 11, 12 }, new long[] { 3, 2 });
        var c = a.matmul(b);
        c.shape.Should().Equal(2, 2);
        c.ToArray<double>().Should().Equal(58, 64, 139, 154);
        a.matmul(torch.tensor(new double[] { 1, 0, -1 })).ToArray<double>().Should().Equal(-2, -2);
        torch.einsum("ij,jk->ik", a, b).ToArray<double>().Should().Equal(58, 64, 139, 154);
    }
}
