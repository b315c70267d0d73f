using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using AdvCam.Torch;

namespace AdvCam.Core.Running;

/// <summary>Where and with what a suite ran, so a result can be traced and reproduced.</summary>
/// <param name="AdvcamVersion">AdvCam.Core's informational version.</param>
/// <param name="GitCommit">The commit of the AdvCam checkout the program runs from (read from its <c>.git</c>), or null
/// when it does not run from a checkout.</param>
/// <param name="LibtorchVersion">libtorch's version.</param>
/// <param name="Device">The device the model and plugins ran on.</param>
/// <param name="Threads">libtorch's intra-op threads.</param>
/// <param name="Seed">The suite's seed.</param>
/// <param name="Machine">The host's name.</param>
/// <param name="ProcessorCount">Logical processors.</param>
/// <param name="Os">The operating system and architecture.</param>
/// <param name="Dotnet">The .NET runtime.</param>
/// <param name="Date">When the run started, UTC, ISO 8601.</param>
public sealed record SuiteEnvironment(
    string AdvcamVersion,
    string? GitCommit,
    string LibtorchVersion,
    string Device,
    int Threads,
    long Seed,
    string Machine,
    int ProcessorCount,
    string Os,
    string Dotnet,
    string Date)
{
    /// <summary>The environment of this process now, for a run on <paramref name="device"/> seeded with <paramref name="seed"/>.</summary>
    /// <param name="device">The run's device.</param>
    /// <param name="seed">The run's seed.</param>
    public static SuiteEnvironment Capture(Device device, long seed)
    {
        var assembly = typeof(SuiteEnvironment).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return new SuiteEnvironment(
            version,
            Running.GitCommit.Find(AppContext.BaseDirectory),
            torch.version,
            device.ToString(),
            torch.get_num_threads(),
            seed,
            Environment.MachineName,
            Environment.ProcessorCount,
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            RuntimeInformation.FrameworkDescription,
            DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
