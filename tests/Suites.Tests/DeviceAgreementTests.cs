using System.Globalization;
using AdvCam.Core.Regression;
using AdvCam.Core.Running;
using AdvCam.Torch;

namespace AdvCam.Suites.Tests;

/// <summary>
/// CPU and CUDA give the same metrics: each shipped suite (blur families, shifts, crop selection and AdvBN on 256
/// Fashion-MNIST images; CAM, Grad-CAM and AdvCAM on 16 FashionScenes scenes; CAM and AdvCAM on 64 large-item scenes)
/// runs on both devices, and every case's value on CUDA must be within <see cref="Tolerance"/> of its value on the CPU. Runs where CUDA is available (scripts/gpu/run.sh
/// runs it on a GPU machine); elsewhere it is ignored.
/// </summary>
/// <remarks>
/// <para><b>The tolerance</b> is each case's baseline tolerance from its threshold file (0.02 absolute for the shipped
/// cases, 5 of the 256 Fashion-MNIST images; 0.05 for the noise ratio at the best seed threshold, which jumps by about
/// 0.025 when the peak of the threshold sweep moves by one step), so a CUDA run within it passes the same baselines
/// recorded on the CPU.</para>
/// <para><b>Why not exact.</b> The devices run different float32 kernels (cuDNN and cuBLAS against oneDNN and the CPU
/// BLAS, with other summation orders; libtorch lets cuDNN convolutions use TF32 on Ampere and newer GPUs by default), so
/// logits differ in their last bits or, with TF32, around 1e-3 relative. An image whose two best classes are that close
/// can change its top-1 prediction, a map pixel that close to a threshold can change its label, and AdvBN's ascent and
/// AdvCAM's climbing carry a difference through their steps. A device bug (a wrong kernel, a tensor left on the other
/// device, a stale copy) moves these metrics by far more than 0.02.</para>
/// </remarks>
[Category("Cuda")]
public sealed class DeviceAgreementTests
{
    /// <summary>The most a case may differ between the devices: its baseline tolerance (see the class remarks).</summary>
    public static double Tolerance(RegressionSuite suite, RegressionCase c) => suite.Thresholds.ToleranceFor(c);

    [TestCase("models/fashion-mnist/thresholds.json")]
    [TestCase("models/fashion-scenes/thresholds.json")]
    [TestCase("models/fashion-scenes-large/thresholds.json")]
    public void A_shipped_suite_measures_the_same_on_cuda_as_on_the_cpu(string thresholds)
    {
        if (!torch.cuda.is_available()) Assert.Ignore("no CUDA device");
        var file = ThresholdFiles.Resolve(thresholds);
        var cpuSuite = RegressionSuite.Load(file, new RegressionOptions { Device = Device.Cpu });
        var (cases, cpu) = cpuSuite.Run();
        var (_, cuda) = RegressionSuite.Load(file, new RegressionOptions { Device = Device.Cuda }).Run();
        cpu.Environment.Device.Should().Be("cpu");
        cuda.Environment.Device.Should().StartWith("cuda");

        var problems = new List<string>();
        var largest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in cases.Where(c => c.Metric is not null))
        {
            var onCpu = c.Find(cpu)?.Value;
            var onCuda = c.Find(cuda)?.Value;
            if (onCpu is null || onCuda is null)
            {
                if (onCpu is null != onCuda is null)
                    problems.Add($"{c.Name}: cpu {Text(onCpu)}, cuda {Text(onCuda)}{PluginError(c, onCuda is null ? cuda : cpu)}");
                continue;
            }
            var difference = Math.Abs(onCpu.Value - onCuda.Value);
            largest[c.Metric!] = Math.Max(largest.GetValueOrDefault(c.Metric!), difference);
            var tolerance = Tolerance(cpuSuite, c);
            if (difference > tolerance)
                problems.Add($"{c.Name}: cpu {Text(onCpu)}, cuda {Text(onCuda)}, |difference| {Text(difference)} > tolerance {Text(tolerance)}");
        }
        TestContext.Out.WriteLine($"{cpu.Suite.Name}: {cases.Count} cases, cpu {cpu.Seconds:F1} s, cuda {cuda.Seconds:F1} s; largest |cpu - cuda| per metric:");
        foreach (var (metric, difference) in largest.OrderBy(p => p.Key, StringComparer.Ordinal))
            TestContext.Out.WriteLine($"  {metric}: {Text(difference)}");
        largest.Should().NotBeEmpty("the suite must have measured something on both devices");
        problems.Should().BeEmpty();
    }

    private static string Text(double? value) =>
        value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "missing";

    private static string PluginError(RegressionCase c, SuiteResults results) =>
        c.PluginIndex is { } i && i < results.Plugins.Count && results.Plugins[i].Error is { } error ? $" ({results.Plugins[i].Name}: {error})" : "";
}
