namespace AdvCam.Abstractions;

/// <summary>
/// A plugin that needs the host's help (contract 1.2): another plugin by name (a segmenter built on an attribution
/// method) or a trained model file. Optional: plugins that need nothing from the host do not implement it.
/// </summary>
/// <remarks>
/// <para>Order: the host configures the plugin (<see cref="IPlugin.Configure"/>), then calls <see cref="Attach"/>, then
/// runs the plugin's kinds. It attaches again whenever it configures the plugin again, so the plugin resolves what its
/// parameters in force name.</para>
/// <para>A caller that runs a hosted plugin without attaching it (code calling the plugin directly) gets an
/// <see cref="InvalidOperationException"/> saying it needs a host. Hosts of contract 1.1 do not load plugins built
/// against 1.2 at all (the loader's minor-version rule).</para>
/// </remarks>
public interface IHostedPlugin : IPlugin
{
    /// <summary>
    /// Resolves what the parameters in force name through <paramref name="host"/> (and configures the plugins it uses).
    /// </summary>
    /// <param name="host">The host of the run.</param>
    /// <exception cref="ArgumentException">Something the parameters name is missing or of the wrong kind (no loaded
    /// plugin of that name, a plugin that is not an attribution, a file that is not a segmentation model), or a plugin it
    /// uses refuses the parameters passed on to it; the message names the parameter and the value.</exception>
    void Attach(IPluginHost host);
}
