using System.Diagnostics;
using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Benchmarks;

/// <summary>
/// AdvCam's side of the benchmark (the PyTorch side is ../peer/torch_peer.py, same arguments, same output).
/// Prints one JSON line per measurement. The malloc setting is whatever the process started with:
/// AdvCam's start-up mallopt unless ADVCAM_MALLOC=default.
/// </summary>
/// <remarks>
/// Usage: AdvCam.Torch.Benchmarks --threads N [--workload add|conv|all] [--add-iters 200000] [--add-repeats 7]
/// [--conv-iters 15] [--conv-warmup 3] [--warmup-seconds 0.5] [--profile]
/// </remarks>
internal static class Program
{
    private static int Main(string[] args)
    {
        Options o;
        try
        {
            o = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        // The first call loads the shim, whose start-up applies AdvCam's allocator settings (unless
        // ADVCAM_MALLOC=default) and sets the thread count to the core count; then the requested count is set, and
        // checked again after each workload.
        torch.set_num_threads(o.Threads);
        CheckThreads(o);
        var output = new Output("advcam", o.Threads, Environment.GetEnvironmentVariable("ADVCAM_MALLOC") == "default" ? "default" : "tuned");
        output.Info(torch.version);

        if (o.Add)
        {
            using var a = torch.ones(1);
            using var b = torch.ones(1);
            var samples = Timing.PerCall(o, n =>
            {
                for (var i = 0; i < n; i++)
                {
                    using var c = a + b;
                }
            });
            CheckThreads(o);
            output.Result("add", "api", "ns/call", samples);
        }

        if (o.Conv)
        {
            torch.manual_seed(0);
            using var x = torch.randn(32, 64, 56, 56).requires_grad_();
            using var w = torch.randn(64, 64, 3, 3).requires_grad_();
            var padding = new long[] { 1, 1 };
            var samples = Timing.PerIteration(o, () =>
            {
                x.zero_grad();
                w.zero_grad();
                using var y = F.conv2d(x, w, padding: padding);
                using var s = y.sum();
                s.backward();
            });
            // Same seed, same generator, same libtorch: both sides must report the same checksum.
            using var g = w.grad!;
            using var gs = g.sum();
            CheckThreads(o);
            output.Result("conv2d_fwd_bwd", "api", "ms/iter", samples, gs.ToDouble());
        }

        if (o.Profile) Profile.Run(o, output);
        CheckThreads(o);
        return 0;
    }

    private static void CheckThreads(Options o)
    {
        if (torch.get_num_threads() != o.Threads)
            throw new InvalidOperationException($"asked for {o.Threads} intra-op threads, libtorch runs {torch.get_num_threads()}");
    }
}

/// <summary>Command-line options shared with the Python peer.</summary>
internal sealed class Options
{
    public int Threads { get; private set; }
    public bool Add { get; private set; } = true;
    public bool Conv { get; private set; } = true;
    public int AddIters { get; private set; } = 200_000;
    public int AddRepeats { get; private set; } = 7;
    public int ConvIters { get; private set; } = 15;
    public int ConvWarmup { get; private set; } = 3;
    public double WarmupSeconds { get; private set; } = 0.5;
    public bool Profile { get; private set; }

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--threads": o.Threads = int.Parse(Next()); break;
                case "--workload":
                    var w = Next();
                    if (w is not ("add" or "conv" or "all")) throw new ArgumentException("--workload is add, conv or all");
                    o.Add = w != "conv";
                    o.Conv = w != "add";
                    break;
                case "--add-iters": o.AddIters = int.Parse(Next()); break;
                case "--add-repeats": o.AddRepeats = int.Parse(Next()); break;
                case "--conv-iters": o.ConvIters = int.Parse(Next()); break;
                case "--conv-warmup": o.ConvWarmup = int.Parse(Next()); break;
                case "--warmup-seconds": o.WarmupSeconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--profile": o.Profile = true; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        if (o.Threads < 1) throw new ArgumentException("--threads N (N >= 1) is required");
        return o;
    }
}

/// <summary>The timing loops; the Python peer mirrors them.</summary>
internal static class Timing
{
    /// <summary>
    /// Nanoseconds per call of <paramref name="loop"/>(n) / n: warm-up for <see cref="Options.WarmupSeconds"/>
    /// (so the JIT's tiering has finished), then <see cref="Options.AddRepeats"/> timed loops of
    /// <see cref="Options.AddIters"/> calls. Wall time, and this thread's CPU time (which leaves out the time the
    /// thread was descheduled: steadier on a busy machine).
    /// </summary>
    public static Samples PerCall(Options o, Action<int> loop)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < o.WarmupSeconds) loop(10_000);
        var wall = new double[o.AddRepeats];
        var cpu = new double[o.AddRepeats];
        for (var r = 0; r < wall.Length; r++)
        {
            var c = ThreadCpuNs();
            var t = Stopwatch.GetTimestamp();
            loop(o.AddIters);
            wall[r] = Stopwatch.GetElapsedTime(t).TotalNanoseconds / o.AddIters;
            cpu[r] = (double)(ThreadCpuNs() - c) / o.AddIters;
        }
        return new Samples(wall, cpu);
    }

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>CLOCK_THREAD_CPUTIME_ID (3 on Linux).</summary>
    private static long ThreadCpuNs() => ClockGetTime(3, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;

    /// <summary>
    /// Like <see cref="PerCall"/> for several loops at once, round-robin: after each loop's warm-up, every round
    /// times each loop once (starting one further along each round), <see cref="Options.AddRepeats"/> rounds.
    /// </summary>
    public static List<(string Name, Samples Samples)> Interleaved(Options o, IReadOnlyList<(string Name, Action<int> Loop)> loops)
    {
        foreach (var (_, loop) in loops)
        {
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < o.WarmupSeconds) loop(10_000);
        }
        var wall = loops.Select(_ => new double[o.AddRepeats]).ToArray();
        var cpu = loops.Select(_ => new double[o.AddRepeats]).ToArray();
        for (var r = 0; r < o.AddRepeats; r++)
        {
            for (var k = 0; k < loops.Count; k++)
            {
                var v = (k + r) % loops.Count;
                var c = ThreadCpuNs();
                var t = Stopwatch.GetTimestamp();
                loops[v].Loop(o.AddIters);
                wall[v][r] = Stopwatch.GetElapsedTime(t).TotalNanoseconds / o.AddIters;
                cpu[v][r] = (double)(ThreadCpuNs() - c) / o.AddIters;
            }
        }
        return loops.Select((l, v) => (l.Name, new Samples(wall[v], cpu[v]))).ToList();
    }

    /// <summary>Milliseconds of each of <see cref="Options.ConvIters"/> iterations after <see cref="Options.ConvWarmup"/>.</summary>
    public static Samples PerIteration(Options o, Action iteration)
    {
        for (var i = 0; i < o.ConvWarmup; i++) iteration();
        var samples = new double[o.ConvIters];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            iteration();
            samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        return new Samples(samples, null);
    }

    public static double Median(double[] samples)
    {
        var s = (double[])samples.Clone();
        Array.Sort(s);
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

/// <summary>Timed samples: wall time, and the thread's CPU time where measured (per-call loops only).</summary>
internal sealed record Samples(double[] Wall, double[]? Cpu);

/// <summary>JSON lines on stdout, one per result (hand-written: no serializer needed for flat records).</summary>
internal sealed class Output(string side, int threads, string malloc)
{
    private static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private string Head(string kind) => $"{{\"kind\":\"{kind}\",\"side\":\"{side}\",\"threads\":{threads},\"malloc\":\"{malloc}\"";

    public void Info(string libtorch) =>
        Console.WriteLine($"{Head("info")},\"libtorch\":\"{libtorch}\",\"runtime\":\"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}\"}}");

    public void Result(string workload, string variant, string unit, Samples s, double? check = null)
    {
        var line = $"{Head("result")},\"workload\":\"{workload}\",\"variant\":\"{variant}\",\"unit\":\"{unit}\"," +
                   $"\"median\":{F(Timing.Median(s.Wall))},\"min\":{F(s.Wall.Min())},\"max\":{F(s.Wall.Max())}," +
                   $"\"samples\":[{string.Join(",", s.Wall.Select(F))}]";
        if (s.Cpu is { } cpu)
            line += $",\"cpu_median\":{F(Timing.Median(cpu))},\"cpu_min\":{F(cpu.Min())},\"cpu_samples\":[{string.Join(",", cpu.Select(F))}]";
        if (check is { } c) line += $",\"check\":{F(c)}";
        Console.WriteLine(line + "}");
        Console.Out.Flush();
    }
}
