using System.CommandLine;
using AdvCam.Torch;

namespace AdvCam.Cli;

/// <summary>Options every command accepts: the device and the thread count.</summary>
internal static class CommonOptions
{
    internal static readonly Option<string> Device = new("--device")
    {
        Description = "cpu, cuda, cuda:N or auto (default: ADVCAM_DEVICE, else cpu)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ADVCAM_DEVICE") ?? "cpu",
    };

    internal static readonly Option<int?> Threads = new("--threads")
    {
        Description = "intra-op threads (default: the number of cores)",
        Recursive = true,
    };

    /// <summary>Applies the thread count and returns the chosen device, checked to be available.</summary>
    internal static Device Apply(ParseResult parse)
    {
        var threads = parse.GetValue(Threads);
        if (threads is { } n)
        {
            if (n < 1) throw new UserError($"--threads must be at least 1, got {n}");
            torch.set_num_threads(n);
        }
        Device device;
        try
        {
            device = AdvCam.Torch.Device.Parse(parse.GetValue(Device) ?? "cpu");
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message);
        }
        try
        {
            return device.EnsureAvailable();
        }
        catch (InvalidOperationException e)
        {
            throw new UserError(e.Message);
        }
    }
}
