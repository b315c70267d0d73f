namespace AdvCam.Torch.Tests;

/// <summary>torch.fft (rfftn, irfftn, rfft2, irfft2) against identities that fix the values: an impulse's flat
/// spectrum, the round trip, the convolution theorem against a hand-computed circular convolution, Parseval with
/// ortho scaling; and its refusals, which must surface as <see cref="TorchException"/> without harming the engine.</summary>
public class FftTests
{
    [Test]
    public void Impulse_at_the_origin_has_a_flat_half_spectrum()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(2, 5, 7);
        x.narrow(1, 0, 1).narrow(2, 0, 1).fill_(1);

        var spectrum = torch.fft.rfft2(x);

        spectrum.dtype.Should().Be(ScalarType.ComplexFloat);
        spectrum.dtype.IsComplex().Should().BeTrue();
        spectrum.shape.Should().Equal(2, 5, 4);
        spectrum.abs().ToArray<float>().Should().AllSatisfy(v => v.Should().BeApproximately(1f, (float)Tolerances.Float32));
    }

    [TestCase(6, 8)]
    [TestCase(7, 9)]
    public void Round_trip_restores_the_signal_given_its_size(int rows, int cols)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(3, rows, cols);

        var back = torch.fft.irfft2(torch.fft.rfft2(x), [rows, cols]);

        back.shape.Should().Equal(3, rows, cols);
        (back - x).abs().max().item<float>().Should().BeLessThan((float)Tolerances.Float32);
    }

    [Test]
    public void Product_of_spectra_is_the_circular_convolution()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 6;
        var a = torch.rand([n, n], dtype: ScalarType.Float64);
        var b = torch.rand([n, n], dtype: ScalarType.Float64);
        var av = a.ToArray<double>();
        var bv = b.ToArray<double>();
        var expected = new double[n * n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < n; j++)
                        expected[y * n + x] += av[i * n + j] * bv[(y - i + n) % n * n + (x - j + n) % n];

        var product = torch.fft.rfft2(a) * torch.fft.rfft2(b);
        var actual = torch.fft.irfft2(product, [n, n]).ToArray<double>();

        product.dtype.Should().Be(ScalarType.ComplexDouble);
        for (var k = 0; k < expected.Length; k++) actual[k].Should().BeApproximately(expected[k], Tolerances.Float64);
    }

    [Test]
    public void Signal_sizes_zero_pad_the_chosen_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(4, 3);

        var spectrum = torch.fft.rfftn(x, [8], [0]);
        var back = torch.fft.irfftn(spectrum, [8], [0]);

        spectrum.shape.Should().Equal(5, 3);
        back.shape.Should().Equal(8, 3);
        (back.narrow(0, 0, 4) - x).abs().max().item<float>().Should().BeLessThan((float)Tolerances.Float32);
        back.narrow(0, 4, 4).abs().max().item<float>().Should().BeLessThan((float)Tolerances.Float32);
    }

    [Test]
    public void Ortho_scaling_keeps_the_energy()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.rand([8, 8], dtype: ScalarType.Float64);

        var spectrum = torch.fft.rfftn(x, norm: FftNorm.Ortho);
        var back = torch.fft.irfftn(spectrum, [8, 8], norm: FftNorm.Ortho);

        // The half spectrum holds columns 0..4 of 8: columns 1..3 stand for two each.
        var power = (spectrum.abs() * spectrum.abs()).ToArray<double>();
        double energy = 0;
        for (var r = 0; r < 8; r++)
            for (var c = 0; c < 5; c++)
                energy += power[r * 5 + c] * (c is 0 or 4 ? 1 : 2);
        energy.Should().BeApproximately((x * x).sum().item<double>(), 1e-9);
        (back - x).abs().max().item<double>().Should().BeLessThan(Tolerances.Float64);
    }

    [Test]
    public void Refusals_name_the_problem_and_leave_the_engine_usable()
    {
        using var scope = torch.NewDisposeScope();
        var real = torch.rand(4, 4);
        var integers = torch.ones([4, 4], ScalarType.Int64);

        ((Action)(() => torch.fft.rfft2(integers))).Should().Throw<TorchException>()
            .Where(e => e.Operation == "fft.rfftn" && e.Message.Contains("real floating-point"));
        ((Action)(() => torch.fft.rfft2(torch.fft.rfft2(real)))).Should().Throw<TorchException>();
        ((Action)(() => torch.fft.irfft2(real))).Should().Throw<TorchException>()
            .Where(e => e.Operation == "fft.irfftn" && e.Message.Contains("complex"));
        ((Action)(() => torch.fft.rfftn(real, [4, 4], [0]))).Should().Throw<TorchException>()
            .Where(e => e.Message.Contains("differ in number"));
        ((Action)(() => torch.fft.rfftn(real, [0]))).Should().Throw<TorchException>()
            .Where(e => e.Message.Contains("positive"));
        ((Action)(() => torch.fft.rfftn(real, null, [5]))).Should().Throw<TorchException>();
        ((Action)(() => torch.fft.rfftn(real, norm: (FftNorm)7))).Should().Throw<TorchException>()
            .Where(e => e.Message.Contains("normalisation"));

        torch.fft.rfft2(real).shape.Should().Equal(4, 3);
    }
}
