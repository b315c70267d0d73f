namespace AdvCam.Core.Running;

/// <summary>One plugin a <see cref="SuiteSpec"/> asks to run, with its parameter overrides and severity levels.</summary>
/// <param name="Name">The plugin's name (compared ignoring case, as the loader does).</param>
/// <param name="Parameters">Overrides (parameter name → value as an invariant-culture string), applied with
/// <see cref="Abstractions.IPlugin.Configure"/> on top of the plugin's defaults; empty for the defaults.</param>
/// <param name="Severities">The severity levels to run (1 = the mildest, as the plugin lists them), or null for all that
/// the plugin offers. Only perturbations have severities.</param>
/// <param name="Under">For an inference defence: the image perturbations (each with its own parameters and severity
/// levels, and no <c>under</c> of its own) to measure the defence under, in order; null for none.</param>
public sealed record SuitePluginSpec(string Name, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<int>? Severities,
    IReadOnlyList<SuitePluginSpec>? Under = null)
{
    /// <summary>The plugin <paramref name="name"/> with its defaults and every severity it offers.</summary>
    /// <param name="name">The plugin's name.</param>
    public SuitePluginSpec(string name)
        : this(name, new Dictionary<string, string>(), null)
    {
    }
}
