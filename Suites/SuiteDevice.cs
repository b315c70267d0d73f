using AdvCam.Torch;

namespace AdvCam.Suites;

/// <summary>The device suites run on: <c>ADVCAM_DEVICE</c> (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c>), else the CPU.</summary>
public static class SuiteDevice
{
    /// <summary>The environment variable that picks the device.</summary>
    public const string EnvironmentVariable = "ADVCAM_DEVICE";

    /// <summary>The device <c>ADVCAM_DEVICE</c> names (the CPU when it is not set), checked to be available.</summary>
    /// <exception cref="InvalidOperationException">The value is not a device, or it names CUDA and this libtorch has no CUDA
    /// or no GPU is visible; the message names the variable.</exception>
    public static Device FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The device <paramref name="value"/> names (as <c>ADVCAM_DEVICE</c> would), checked to be available.</summary>
    /// <param name="value">The variable's value; null or blank for the CPU.</param>
    /// <exception cref="InvalidOperationException">The value is not a device, or CUDA is asked for and missing.</exception>
    public static Device Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Device.Cpu;
        Device device;
        try
        {
            device = Device.Parse(value);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{EnvironmentVariable}='{value}': {e.Message}", e);
        }
        try
        {
            return device.EnsureAvailable();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{EnvironmentVariable}='{value}': {e.Message}", e);
        }
    }
}
