using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.Shifts;

namespace AdvCam.Plugins.Perturbations.Tests.Shifts;

/// <summary>The two shift plugins, for tests that hold for both: made fresh (default parameters) for each case.</summary>
internal static class ShiftPlugins
{
    /// <summary>The plugin of the given name, with its defaults.</summary>
    public static ShiftPerturbation Create(string name) => name switch
    {
        "pixel-shift" => new PixelShiftPerturbation(),
        "pixel-roll" => new PixelRollPerturbation(),
        _ => throw new ArgumentException($"no shift plugin '{name}'", nameof(name)),
    };

    /// <summary>Both names, as test cases.</summary>
    public static readonly string[] Names = ["pixel-shift", "pixel-roll"];

    /// <summary>Whether the plugin of that name wraps around (roll) or replicates the edge (shift).</summary>
    public static bool IsCyclic(string name) => name == "pixel-roll";

    /// <summary>A plugin with <c>pixels</c> set.</summary>
    public static ShiftPerturbation WithPixels(string name, int pixels)
    {
        var plugin = Create(name);
        plugin.Configure(new Dictionary<string, string> { [ShiftPerturbation.PixelsParameter] = pixels.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return plugin;
    }

    /// <summary>The severity of a direction by its label, for images of <paramref name="size"/> pixels.</summary>
    public static Severity Direction(ShiftPerturbation plugin, string label, int size = 28) =>
        plugin.Severities(size).Single(s => s.Label == label);
}
