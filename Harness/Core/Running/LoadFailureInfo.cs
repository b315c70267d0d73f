using AdvCam.Core.Plugins;

namespace AdvCam.Core.Running;

/// <summary>Something the plugin loader could not load (a <see cref="PluginFailure"/>), as the results record it.</summary>
/// <param name="File">The assembly or folder concerned.</param>
/// <param name="TypeName">The plugin type, when the failure concerns one; null otherwise.</param>
/// <param name="Reason">What went wrong.</param>
public sealed record LoadFailureInfo(string File, string? TypeName, string Reason)
{
    /// <summary>The record of <paramref name="failure"/>.</summary>
    /// <param name="failure">The loader's failure.</param>
    public static LoadFailureInfo From(PluginFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new LoadFailureInfo(failure.File, failure.TypeName, failure.Reason);
    }
}
