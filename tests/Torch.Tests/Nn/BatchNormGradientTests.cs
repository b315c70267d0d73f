using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.batch_norm's gradients in training and eval mode against finite differences.</summary>
public class BatchNormGradientTests
{
    [Test]
    public void Training_mode_gradients_for_input_weight_and_bias_match_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(21);
        var x = GradientCheck.Random(g, 3, 2, 4, 4);
        var w = GradientCheck.Random(g, 2);
        var b = GradientCheck.Random(g, 2);
        // Batch statistics depend on the input, so the input gradient goes through mean and variance too.
        GradientCheck.Check(t => F.batch_norm(t[0], null, null, t[1], t[2], training: true), x, w, b);
    }

    [Test]
    public void Training_mode_with_running_statistics_gradients_match_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(22);
        var x = GradientCheck.Random(g, 4, 3, 3, 3);
        var w = GradientCheck.Random(g, 3);
        var b = GradientCheck.Random(g, 3);
        // Running statistics are updated in place by each call but do not enter the training-mode output.
        var runningMean = torch.zeros(new long[] { 3 }, ScalarType.Float64);
        var runningVar = torch.ones(new long[] { 3 }, ScalarType.Float64);
        GradientCheck.Check(t => F.batch_norm(t[0], runningMean, runningVar, t[1], t[2], training: true), x, w, b);
    }

    [Test]
    public void Eval_mode_gradients_for_input_weight_and_bias_match_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(23);
        var x = GradientCheck.Random(g, 3, 2, 4, 4);
        var w = GradientCheck.Random(g, 2);
        var b = GradientCheck.Random(g, 2);
        var runningMean = torch.tensor(new double[] { 0.3, -0.2 });
        var runningVar = torch.tensor(new double[] { 1.5, 0.7 });
        GradientCheck.Check(t => F.batch_norm(t[0], runningMean, runningVar, t[1], t[2], training: false), x, w, b);
    }
}
