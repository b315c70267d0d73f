namespace AdvCam.Abstractions;

/// <summary>
/// What every plugin is: a name users select it by, a description, and the parameters it takes, with defaults, so a
/// report can print exactly what ran. A plugin also implements at least one of the plugin kinds
/// (<see cref="IImagePerturbation"/>, <see cref="IModelPerturbation"/>, <see cref="IAttribution"/>,
/// <see cref="ISegmenter"/>, <see cref="IInferenceDefense"/>).
/// </summary>
/// <remarks>
/// <para>The host finds plugins by loading assemblies from its plugin folders and creating every concrete public type
/// that implements this interface and has a public parameterless constructor. Names are unique across everything the
/// host loads (compared ignoring case); a second plugin with a taken name is refused.</para>
/// <para><see cref="PluginBase"/> implements the parameter handling; most plugins derive from it.</para>
/// <para>A plugin that uses another plugin or a trained model file implements <see cref="IHostedPlugin"/> as well
/// (contract 1.2): the host hands it what it names through <see cref="IPluginHost"/>.</para>
/// </remarks>
public interface IPlugin
{
    /// <summary>The name users select the plugin by, e.g. <c>"gaussian-blur"</c>: not empty, no white space.</summary>
    string Name { get; }

    /// <summary>One or two sentences on what the plugin does, for listings and reports.</summary>
    string Description { get; }

    /// <summary>The parameters the plugin takes, each with its default value.</summary>
    IReadOnlyList<PluginParameter> Parameters { get; }

    /// <summary>
    /// The value in force for every parameter of <see cref="Parameters"/>, by name, as an invariant-culture string
    /// (the default until <see cref="Configure"/> set another).
    /// </summary>
    IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>
    /// Applies user overrides (parameter name → value as an invariant-culture string); parameters not named keep
    /// their value. All or nothing: when any entry is refused, no value changes.
    /// </summary>
    /// <param name="values">The overrides.</param>
    /// <exception cref="ArgumentException">A name is not a parameter of this plugin, or a value does not parse as the
    /// parameter's kind or is out of its range; the message names the parameter and the value.</exception>
    void Configure(IReadOnlyDictionary<string, string> values);
}
