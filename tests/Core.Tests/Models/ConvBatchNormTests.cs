using AdvCam.Core.Models;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Tests.Models;

/// <summary>The eval-mode fold of a convolution and its batch norm gives the two modules' output and gradients, up to
/// float rounding; training mode runs the two modules themselves (batch statistics, running statistics updated).</summary>
public class ConvBatchNormTests
{
    /// <summary>Float32: the folded product rounds differently from scaling the output; relative to values of order 1.</summary>
    private const double Float32Tolerance = 2e-5;

    /// <summary>Float64: the same difference at double precision.</summary>
    private const double Float64Tolerance = 1e-12;

    private static (Conv2d Conv, BatchNorm2d Norm) Layers(bool bias, ScalarType dtype)
    {
        torch.manual_seed(5);
        var conv = new Conv2d(3, 6, 3, stride: 2, padding: 1, bias: bias);
        var norm = new BatchNorm2d(6, eps: 1e-3);
        using (torch.no_grad())
        {
            // Statistics and affine terms far from the identity, so a fold that dropped one of them would show.
            norm.running_mean.copy_(torch.rand(6).sub(0.5));
            norm.running_var.copy_(torch.rand(6).add(0.2));
            norm.weight!.copy_(torch.rand(6).add(0.5));
            norm.bias!.copy_(torch.rand(6).sub(0.5));
        }
        conv.to(dtype);
        norm.to(dtype);
        return (conv, norm);
    }

    [TestCase(false, ScalarType.Float32, Float32Tolerance)]
    [TestCase(true, ScalarType.Float32, Float32Tolerance)]
    [TestCase(true, ScalarType.Float64, Float64Tolerance)]
    public void Eval_mode_fold_equals_the_two_modules_in_value_and_input_gradient(bool bias, ScalarType dtype, double tolerance)
    {
        using var scope = torch.NewDisposeScope();
        var (conv, norm) = Layers(bias, dtype);
        using var _ = conv;
        using var __ = norm;
        conv.eval();
        norm.eval();
        var x = torch.rand(4, 3, 9, 10).to(dtype).requires_grad_();
        var expected = norm.forward(conv.forward(x));
        var folded = ConvBatchNorm.Forward(conv, norm, x);
        folded.allclose(expected, rtol: 0, atol: tolerance).Should().BeTrue();
        // A loss that weighs every output differently, so the gradient checks every path.
        var weights = torch.rand(expected.shape).to(dtype);
        var expectedGrad = torch.autograd.grad(expected.mul(weights).sum(), x);
        var foldedGrad = torch.autograd.grad(folded.mul(weights).sum(), x);
        foldedGrad.allclose(expectedGrad, rtol: 0, atol: tolerance).Should().BeTrue();
        // Parameters get their gradients through the fold too (frozen stages aside, eval-mode fine-tuning needs them).
        var gammaGrad = torch.autograd.grad(ConvBatchNorm.Forward(conv, norm, x).mul(weights).sum(), norm.weight!);
        var expectedGammaGrad = torch.autograd.grad(norm.forward(conv.forward(x)).mul(weights).sum(), norm.weight!);
        gammaGrad.allclose(expectedGammaGrad, rtol: 0, atol: tolerance * 100).Should().BeTrue();
    }

    [Test]
    public void Training_mode_runs_the_modules_with_batch_statistics_and_updates_the_running_ones()
    {
        using var scope = torch.NewDisposeScope();
        var (conv, norm) = Layers(false, ScalarType.Float32);
        using var _ = conv;
        using var __ = norm;
        norm.train();
        var before = norm.running_mean.clone();
        var x = torch.rand(4, 3, 9, 10);
        var output = ConvBatchNorm.Forward(conv, norm, x);
        output.mean([0L, 2L, 3L]).abs().max().item<float>().Should().BeLessThan(1e-4f + norm.bias!.abs().max().item<float>(),
            "batch statistics centre each channel (up to its beta)");
        norm.running_mean.equal(before).Should().BeFalse("training mode updates the running statistics");
        norm.num_batches_tracked.item<long>().Should().Be(1);
    }

    [Test]
    public void A_shortcut_of_convolution_and_norm_is_folded_and_any_other_sequence_runs_as_it_is()
    {
        using var scope = torch.NewDisposeScope();
        var (conv, norm) = Layers(false, ScalarType.Float32);
        using var shortcut = new Sequential(conv, norm);
        shortcut.eval();
        var x = torch.rand(2, 3, 8, 8);
        ConvBatchNorm.Forward(shortcut, x).allclose(shortcut.forward(x), rtol: 0, atol: Float32Tolerance).Should().BeTrue();
        using var other = new Sequential(new Conv2d(3, 4, 1), new ReLU());
        ConvBatchNorm.Forward(other, x).equal(other.forward(x)).Should().BeTrue();
    }
}
