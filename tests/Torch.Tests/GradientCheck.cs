using System.Globalization;
using System.Text;

namespace AdvCam.Torch.Tests;

/// <summary>
/// Checks autograd against central finite differences in float64. The checked scalar is sum(f(x) * R) with R a fixed
/// random float64 tensor shaped like f's output, so every output element (not just their sum) is covered.
/// Keep the inputs small (a few hundred elements): each element costs two forward evaluations.
/// </summary>
internal static class GradientCheck
{
    /// <summary>Seed of the weights R and of <see cref="Random"/>'s default generator.</summary>
    private const ulong WeightSeed = 20240601;

    /// <summary>Float64 standard-normal samples of <paramref name="shape"/>, drawn from <paramref name="generator"/>.</summary>
    public static Tensor Random(Generator generator, params long[] shape) => torch.randn(shape, generator, ScalarType.Float64);

    /// <summary>
    /// Asserts that the analytic gradient of sum(f(inputs) * R) with respect to every input matches central finite
    /// differences within <see cref="Tolerances.GradientCheck"/> relative to max(1, |gradient|).
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Check(f, inputs, Tolerances.GradientCheck);

    /// <summary>As <see cref="Check(Func{Tensor[], Tensor}, Tensor[])"/> with an explicit tolerance.</summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(f);
        inputs.Should().NotBeEmpty("a gradient check needs at least one input");
        foreach (var input in inputs)
            input.dtype.Should().Be(ScalarType.Float64, "gradient checks run in float64");

        using var scope = torch.NewDisposeScope();
        var shapes = inputs.Select(t => t.shape).ToArray();
        var values = inputs.Select(t => t.detach().contiguous().ToArray<double>()).ToArray();

        // Analytic: leaves that require grad, one backward through autograd.grad.
        var leaves = new Tensor[inputs.Length];
        for (var i = 0; i < inputs.Length; i++) leaves[i] = torch.tensor(values[i], shapes[i], requires_grad: true);
        Tensor weights;
        Tensor?[] analytic;
        using (torch.enable_grad())
        {
            var output = f(leaves);
            output.dtype.Should().Be(ScalarType.Float64, "f must compute in float64");
            using var generator = new Generator(WeightSeed);
            weights = torch.randn(output.shape, generator, ScalarType.Float64);
            var objective = (output * weights).sum();
            analytic = torch.autograd.grad(new[] { objective }, leaves, allow_unused: true);
        }

        // Numeric: central differences, f evaluated without autograd.
        var h = Tolerances.FiniteDifferenceStep;
        var report = new StringBuilder();
        var failures = 0;
        using (torch.no_grad())
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var grad = analytic[i]?.ToArray<double>() ?? new double[values[i].Length];
                grad.Length.Should().Be(values[i].Length, "the gradient of input {0} has the input's shape", i);
                for (var j = 0; j < values[i].Length; j++)
                {
                    var original = values[i][j];
                    values[i][j] = original + h;
                    var plus = Evaluate(f, values, shapes, weights);
                    values[i][j] = original - h;
                    var minus = Evaluate(f, values, shapes, weights);
                    values[i][j] = original;
                    var numeric = (plus - minus) / (2 * h);
                    var error = Math.Abs(numeric - grad[j]);
                    if (error > tolerance * Math.Max(1, Math.Abs(grad[j])))
                    {
                        if (failures++ < 10)
                            report.AppendLine(CultureInfo.InvariantCulture,
                                $"input {i} element {j}: analytic {grad[j]:R}, numeric {numeric:R}, |diff| {error:E3}");
                    }
                }
            }
        }
        failures.Should().Be(0, "analytic and finite-difference gradients must agree within {0} (first mismatches:\n{1})",
            tolerance, report.ToString());
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, double[][] values, long[][] shapes, Tensor weights)
    {
        using var scope = torch.NewDisposeScope();
        var xs = new Tensor[values.Length];
        for (var i = 0; i < xs.Length; i++) xs[i] = torch.tensor(values[i], shapes[i]);
        return (f(xs) * weights).sum().item<double>();
    }
}
