using System.Diagnostics;

namespace AdvCam.Cli.Tests;

/// <summary>Runs the built <c>advcam</c> command as a user would, in its own process.</summary>
internal static class AdvcamProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("advcam did not finish within 120 s");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts advcam with stdout and stderr redirected; the caller reads them and waits.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "advcam.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start advcam");
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends) to <paramref name="process"/>.</summary>
    public static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
