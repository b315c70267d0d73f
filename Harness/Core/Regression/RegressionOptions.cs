using AdvCam.Core.Plugins;
using AdvCam.Torch;

namespace AdvCam.Core.Regression;

/// <summary>How a <see cref="RegressionSuite"/> runs: the device, where plugins come from, and overrides of the suite.</summary>
public sealed record RegressionOptions
{
    /// <summary>Where the model and images go (default: the CPU).</summary>
    public Device Device { get; init; } = Device.Cpu;

    /// <summary>Plugin folders named on a command line, searched first (<see cref="PluginSearchPath.Merge"/>); null for none.</summary>
    public IReadOnlyList<string>? PluginFolders { get; init; }

    /// <summary>More configuration-file folders (full paths), searched after the threshold file's <c>plugin_folders</c>.</summary>
    public IReadOnlyList<string>? ConfigFolders { get; init; }

    /// <summary>The whole search path, replacing the host's (command line, <c>ADVCAM_PLUGINS</c>, the threshold file's
    /// folders, the built-in folder); null for the host's.</summary>
    public PluginSearchPath? SearchPath { get; init; }

    /// <summary>Another model than the suite's (a shipped name, or a model file or folder); null for the suite's.</summary>
    public string? Model { get; init; }

    /// <summary>Another test subset than the suite's; null for the suite's.</summary>
    public int? TestSubset { get; init; }
}
