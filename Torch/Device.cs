using System.Runtime.InteropServices;
using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

/// <summary>Kinds of device, numbered as libtorch's <c>c10::DeviceType</c>.</summary>
public enum DeviceType
{
    /// <summary>The host CPU.</summary>
    Cpu = 0,
    /// <summary>An NVIDIA GPU through CUDA.</summary>
    Cuda = 1,
}

/// <summary>Where a tensor lives: the CPU or one CUDA device.</summary>
/// <param name="Type">CPU or CUDA.</param>
/// <param name="Index">Device ordinal; -1 means the current device.</param>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    /// <summary>The CPU.</summary>
    public static Device Cpu { get; } = new(DeviceType.Cpu);

    /// <summary>The current CUDA device.</summary>
    public static Device Cuda { get; } = new(DeviceType.Cuda);

    /// <summary>Whether this is a CUDA device.</summary>
    public bool IsCuda => Type == DeviceType.Cuda;

    /// <summary>Parses <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (CUDA when available, else CPU); throws <see cref="FormatException"/> otherwise.</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return Cpu;
        if (t == "auto") return torch.cuda.is_available() ? Cuda : Cpu;
        if (t == "cuda") return Cuda;
        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t.AsSpan(5), out var index) && index >= 0)
            return new Device(DeviceType.Cuda, index);
        throw new FormatException($"unknown device '{text}': expected cpu, cuda, cuda:N or auto");
    }

    /// <summary>Throws a clear error when this is a CUDA device and CUDA is not available, or its index names no visible
    /// device (no silent CPU fallback); the message says why when libtorch's CUDA library is there but did not load.</summary>
    public Device EnsureAvailable()
    {
        if (IsCuda && NativeMethods.advt_cuda_is_available() == 0)
        {
            var loadError = Marshal.PtrToStringUTF8(NativeMethods.advt_cuda_load_error());
            throw new InvalidOperationException(
                $"device {this} was asked for, but this libtorch has no CUDA or no GPU is visible (libtorch {torch.version})" +
                (loadError is null ? "" : $"; its CUDA library is there but did not load: {loadError}"));
        }
        if (IsCuda && Index >= 0 && Index >= torch.cuda.device_count())
            throw new InvalidOperationException($"device {this} was asked for, but only {torch.cuda.device_count()} CUDA device(s) are visible");
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index}";
}
