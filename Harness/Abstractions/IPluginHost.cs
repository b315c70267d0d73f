namespace AdvCam.Abstractions;

/// <summary>
/// What the host offers a plugin that builds on other parts of the run (contract 1.2; see <see cref="IHostedPlugin"/>):
/// the other loaded plugins by name, and trained segmentation models by file. The host (AdvCam.Core's suite runner, the
/// <c>advcam</c> commands) resolves both from its own plugin catalog and model loader, so a plugin can use another
/// plugin or a model without referencing the assembly that implements it (each plugin assembly lives in its own load
/// context, and plugins reference only AdvCam.Abstractions and AdvCam.Torch).
/// </summary>
/// <remarks>
/// <para>Everything the host hands out is valid for the run the plugin is attached to (until the host attaches it again
/// or the run ends) and is owned by the host: the plugin must not dispose it.</para>
/// <para>A plugin handed another plugin may configure it (<see cref="IPlugin.Configure"/>) as it needs; the host
/// configures every plugin afresh (defaults plus the suite's overrides) before it runs it itself.</para>
/// </remarks>
public interface IPluginHost
{
    /// <summary>The loaded plugin named <paramref name="name"/> (ignoring case).</summary>
    /// <param name="name">The plugin's name.</param>
    /// <returns>The plugin; the caller checks its kind (e.g. <c>is IAttribution</c>).</returns>
    /// <exception cref="ArgumentException">No loaded plugin has that name; the message names it and lists the loaded ones.</exception>
    IPlugin GetPlugin(string name);

    /// <summary>
    /// A segmentation model trained by <c>advcam train --task fashion-scenes-seg</c> (optionally on pseudo-labels): a
    /// model file or folder, or the name of a shipped model, loaded once per run onto the run's device, in eval mode.
    /// </summary>
    /// <param name="path">A model file (<c>model.safetensors</c>), a folder holding one, or a shipped model's name;
    /// relative paths are relative to the working directory.</param>
    /// <returns>The model, owned by the host.</returns>
    /// <exception cref="ArgumentException">The file does not exist, is not a valid model file, or holds a model that is not
    /// a segmentation model; the message names the path.</exception>
    ISegmentationModel LoadSegmentationModel(string path);
}
