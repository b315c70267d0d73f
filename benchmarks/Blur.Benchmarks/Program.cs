using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AdvCam.Abstractions;
using AdvCam.Core.Data;
using AdvCam.Plugins.Perturbations.Blur;
using AdvCam.Torch;
using AdvCam.Torch.IO;

// Usage: AdvCam.Blur.Benchmarks --threads T --images N --repeats R --out FILE
// For every blur family and every severity of its scaled ladder for 64-pixel images: the median time of R calls of
// the plugin's Apply on N FashionScenes test images (3x64x64), after one warm-up call, as images/s (kernel building
// included). Writes FILE (safetensors): the images, each severity's kernels (obtained by blurring centred impulses,
// so they are exactly what Apply used: kernels depend only on the seed and the image index) and the outputs of the
// first 8 images, for ../peer/blur_scipy.py to time SciPy on and to check agreement. One JSON line per severity.
var options = Args(args);
var threads = int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture);
var count = int.Parse(options.GetValueOrDefault("images", "256"), CultureInfo.InvariantCulture);
var repeats = int.Parse(options.GetValueOrDefault("repeats", "5"), CultureInfo.InvariantCulture);
var output = options.GetValueOrDefault("out");
torch.set_num_threads(threads);
const long Seed = 7;
const int Side = 64;
const int Checked = 8;

var test = FashionMnist.Load(FashionMnistSplit.Test);
var scenes = new FashionScenes(test, FashionScenes.StandardTestSeed, count).GenerateBatch(0, count);
var images = scenes.Images;
var saved = new Dictionary<string, Tensor> { ["images"] = images };
BlurPerturbation[] plugins = [new DefocusBlurPerturbation(), new GaussianBlurPerturbation(), new MotionBlurPerturbation(), new CameraShakePerturbation()];
foreach (var plugin in plugins)
{
    foreach (var severity in plugin.Severities(Side))
    {
        using (plugin.Apply(images, severity, Seed)) { }
        var times = new double[repeats];
        Tensor? last = null;
        for (var r = 0; r < repeats; r++)
        {
            last?.Dispose();
            var watch = Stopwatch.StartNew();
            last = plugin.Apply(images, severity, Seed);
            times[r] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        var median = times[repeats / 2];
        var key = $"{plugin.Name}/{severity.Level}";
        saved["out/" + key] = last!.narrow(0, 0, Checked).contiguous();
        // Impulses: one centred unit pixel per image and channel 0; Apply gives each image's kernel.
        var impulses = torch.zeros([count, 1, Side, Side]);
        impulses.narrow(2, Side / 2, 1).narrow(3, Side / 2, 1).fill_(1);
        saved["kernels/" + key] = plugin.Apply(impulses, severity, Seed).view(count, Side, Side);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["side"] = "advcam", ["threads"] = torch.get_num_threads(), ["family"] = plugin.Name, ["level"] = severity.Level,
            ["severity"] = severity.ToString(), ["images"] = count, ["seconds"] = median, ["images_per_second"] = count / median,
        }));
    }
}
if (output is not null) Safetensors.Save(output, saved);
return 0;

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
