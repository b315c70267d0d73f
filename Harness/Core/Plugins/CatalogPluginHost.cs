using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Core.Running;
using AdvCam.Core.Training;
using AdvCam.Torch;

namespace AdvCam.Core.Plugins;

/// <summary>
/// The host's side of <see cref="IPluginHost"/> (contract 1.2): other plugins come from a <see cref="PluginCatalog"/>,
/// segmentation models from model files (<see cref="TrainedModel"/>), each loaded once onto the run's device and kept
/// until this host is disposed. The suite runner makes one per run; <c>advcam train --pseudo-labels</c> one for its
/// attribution.
/// </summary>
public sealed class CatalogPluginHost : IPluginHost, IDisposable
{
    private readonly PluginCatalog catalog;
    private readonly Device device;
    private readonly Dictionary<string, NormalizedSegmentationModel> models = new(StringComparer.Ordinal);

    /// <summary>A host over <paramref name="catalog"/>'s plugins that loads models onto <paramref name="device"/>.</summary>
    /// <param name="catalog">The loaded plugins (kept loaded by the caller while the host is in use).</param>
    /// <param name="device">Where models go (default: the CPU).</param>
    public CatalogPluginHost(PluginCatalog catalog, Device? device = null)
    {
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.device = device ?? Device.Cpu;
    }

    /// <inheritdoc />
    public IPlugin GetPlugin(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return catalog.Get(name).Plugin;
    }

    /// <inheritdoc />
    public ISegmentationModel LoadSegmentationModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Trim().Length == 0) throw new ArgumentException("no segmentation model was named (an empty path)", nameof(path));
        var resolved = Resolve(path);
        if (models.TryGetValue(resolved, out var cached)) return cached;
        TrainedModel loaded;
        try
        {
            loaded = TrainedModel.Load(resolved, device);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
        {
            throw new ArgumentException($"segmentation model '{path}': {e.Message}", nameof(path), e);
        }
        try
        {
            var task = loaded.Task;
            if (task is null || !TrainingTask.IsSceneSegmentation(task))
                throw new ArgumentException($"model '{loaded.Path}' (named '{path}') is of task '{task ?? "(none recorded)"}', not a segmentation model (task {string.Join(" or ", TrainingTask.Names.Where(TrainingTask.IsSceneSegmentation).Select(n => $"'{n}'"))})", nameof(path));
            var model = new NormalizedSegmentationModel(loaded, TrainingTask.FashionScenesMean, TrainingTask.FashionScenesStd);
            models[resolved] = model;
            return model;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>Disposes the models loaded by this host.</summary>
    public void Dispose()
    {
        foreach (var model in models.Values) model.Dispose();
        models.Clear();
    }

    /// <summary>A path as given when it exists; else a shipped model of that name (<c>models/&lt;name&gt;</c>) when there is one.</summary>
    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full)) return full;
        if (path.IndexOfAny(['/', '\\']) < 0)
        {
            try
            {
                var shipped = ShippedModels.PathOf(path);
                if (Directory.Exists(shipped)) return shipped;
            }
            catch (DirectoryNotFoundException)
            {
                // no shipped models folder: the path is reported missing below
            }
        }
        return full;
    }
}
