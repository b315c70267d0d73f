using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AdvCam.Abstractions;
using AdvCam.Core.Data;
using AdvCam.Plugins.Perturbations.Blur;
using AdvCam.Torch;
using AdvCam.Torch.IO;

// Usage: AdvCam.Blur.Benchmarks --threads T --images N --repeats R --out FILE [--family NAME] [--crossover 1] [--device D]
// For every blur family and every severity of its scaled ladder for 64-pixel images: the median time of R calls of
// the plugin's Apply on N FashionScenes test images (3x64x64), after one warm-up call, as images/s (kernel building
// included). Writes FILE (safetensors): the images, each severity's kernels (BlurPerturbation.KernelsOf: exactly what
// Apply used, one [k, k] per image; kernels depend only on the seed and the image index) and the outputs of the
// first 8 images, for ../peer/blur_scipy.py to time SciPy on and to check agreement. One JSON line per severity.
// --device cuda puts the images on the GPU and waits for the GPU before each time is read (../gpu.sh, with
// ../peer/blur_torch.py as its PyTorch peer on the same GPU).
var options = Args(args);
var threads = int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture);
var count = int.Parse(options.GetValueOrDefault("images", "256"), CultureInfo.InvariantCulture);
var repeats = int.Parse(options.GetValueOrDefault("repeats", "5"), CultureInfo.InvariantCulture);
var output = options.GetValueOrDefault("out");
var device = Device.Parse(options.GetValueOrDefault("device", "cpu")).EnsureAvailable();
torch.set_num_threads(threads);
const long Seed = 7;
const int Side = 64;
const int Checked = 8;

var test = FashionMnist.Load(FashionMnistSplit.Test);
var scenes = new FashionScenes(test, FashionScenes.StandardTestSeed, count).GenerateBatch(0, count);
var images = device.IsCuda ? scenes.Images.to(device) : scenes.Images;
if (options.ContainsKey("crossover"))
{
    Crossover(images, repeats);
    return 0;
}
var saved = new Dictionary<string, Tensor> { ["images"] = images };
BlurPerturbation[] plugins = [new DefocusBlurPerturbation(), new GaussianBlurPerturbation(), new MotionBlurPerturbation(), new CameraShakePerturbation()];
var only = options.GetValueOrDefault("family");
foreach (var plugin in plugins.Where(p => only is null || p.Name == only))
{
    foreach (var severity in plugin.Severities(Side))
    {
        using (plugin.Apply(images, severity, Seed)) { }
        Synchronize(device);
        var times = new double[repeats];
        Tensor? last = null;
        for (var r = 0; r < repeats; r++)
        {
            last?.Dispose();
            var watch = Stopwatch.StartNew();
            last = plugin.Apply(images, severity, Seed);
            Synchronize(device);
            times[r] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        var median = times[repeats / 2];
        var key = $"{plugin.Name}/{severity.Level}";
        saved["out/" + key] = last!.narrow(0, 0, Checked).contiguous().cpu();
        // The kernels Apply used (one per image, repeated when the batch shares one).
        var kernels = plugin.KernelsOf(severity, count, Seed);
        saved["kernels/" + key] = (kernels.dim() == 2 ? kernels.unsqueeze(0).expand(count, kernels.size(0), kernels.size(1)) : kernels).contiguous();
        var build = Stopwatch.StartNew();
        for (var r = 0; r < repeats; r++) plugin.KernelsOf(severity, count, Seed).Dispose();
        var buildSeconds = build.Elapsed.TotalSeconds / repeats;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["side"] = "advcam", ["device"] = device.ToString(), ["threads"] = torch.get_num_threads(), ["family"] = plugin.Name, ["level"] = severity.Level,
            ["severity"] = severity.ToString(), ["images"] = count, ["seconds"] = median, ["images_per_second"] = count / median,
            ["kernel_build_seconds"] = buildSeconds,
        }));
    }
}
if (output is not null) Safetensors.Save(output, saved);
return 0;

// --crossover 1: DepthwiseBlur's direct and FFT methods on the same images, for one kernel shared by the batch and one
// per image, at kernel sizes 5..41, interleaved (median of R calls each, after a warm-up): where the FFT overtakes
// (DepthwiseBlur.FftCrossover).
static void Crossover(Tensor images, int repeats)
{
    var n = images.size(0);
    foreach (var k in new long[] { 5, 7, 9, 11, 15, 19, 21, 23, 25, 27, 31, 41 })
    {
        using var scope = torch.NewDisposeScope();
        var shared = torch.rand(k, k);
        shared = shared / shared.sum();
        var perImage = torch.rand(n, k, k);
        perImage = perImage / perImage.sum([1, 2], keepdim: true);
        foreach (var (kind, kernels) in new[] { ("shared", shared), ("per_image", perImage) })
        {
            var seconds = new Dictionary<BlurMethod, List<double>> { [BlurMethod.Direct] = [], [BlurMethod.Fft] = [] };
            foreach (var method in seconds.Keys) using (DepthwiseBlur.Apply(images, kernels, method)) { }
            for (var r = 0; r < repeats; r++)
                foreach (var method in seconds.Keys)
                {
                    var watch = Stopwatch.StartNew();
                    using (DepthwiseBlur.Apply(images, kernels, method)) { }
                    seconds[method].Add(watch.Elapsed.TotalSeconds);
                }
            double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["side"] = "crossover", ["threads"] = torch.get_num_threads(), ["kernel"] = k, ["kind"] = kind, ["images"] = n,
                ["direct_ms"] = 1000 * Median(seconds[BlurMethod.Direct]), ["fft_ms"] = 1000 * Median(seconds[BlurMethod.Fft]),
            }));
        }
    }
}

static void Synchronize(Device device)
{
    if (device.IsCuda) torch.cuda.synchronize();
}

static Dictionary<string, string> Args(string[] args)
{
    var result = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"expected --name value, got '{args[i]}'");
        result[args[i][2..]] = args[i + 1];
    }
    return result;
}
