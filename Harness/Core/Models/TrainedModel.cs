using AdvCam.Abstractions;
using AdvCam.Torch;
using AdvCam.Torch.IO;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// A model file written by <c>advcam train</c> (or <see cref="ModelFile.Save"/> with a configuration's metadata), loaded
/// into the model its metadata describes: a <see cref="ResNetCam"/> (keys <c>ResNetCam.*</c>) or a
/// <see cref="SegmentationNet"/> (keys <c>SegmentationNet.*</c>), in eval mode.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    /// <summary>Name of the model file inside a model folder.</summary>
    public const string FileName = "model.safetensors";

    private TrainedModel(string path, Module<Tensor, Tensor> model, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        Model = model;
        Metadata = metadata;
    }

    /// <summary>The file the weights came from.</summary>
    public string Path { get; }

    /// <summary>The model, weights loaded, in eval mode.</summary>
    public Module<Tensor, Tensor> Model { get; }

    /// <summary>The file's metadata (configuration and <c>train.*</c> keys).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The training task recorded in the file (<c>train.task</c>), or null.</summary>
    public string? Task => Metadata.TryGetValue("train.task", out var t) ? t : null;

    /// <summary>The model as a CAM classifier, or null when it is not one.</summary>
    public ICamClassifier? CamClassifier => Model as ICamClassifier;

    /// <summary>
    /// Loads <paramref name="path"/>: a model file, or a folder holding <see cref="FileName"/>. The model is built from the
    /// metadata, the weights loaded strictly (every key, shape and dtype must fit), and moved to <paramref name="device"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file (or the folder has no model file).</exception>
    /// <exception cref="InvalidDataException">The file is not a valid model file; the message names it.</exception>
    public static TrainedModel Load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
            throw new FileNotFoundException(Directory.Exists(path) ? $"model folder '{path}' has no {FileName}" : $"model file '{path}' does not exist", file);
        var (tensors, metadata) = Safetensors.LoadWithMetadata(file);
        Module<Tensor, Tensor>? model = null;
        try
        {
            metadata ??= [];
            try
            {
                model = metadata.Keys.Any(k => k.StartsWith("ResNetCam.", StringComparison.Ordinal)) ? new ResNetCam(ResNetCamConfig.FromMetadata(metadata))
                    : metadata.Keys.Any(k => k.StartsWith("SegmentationNet.", StringComparison.Ordinal)) ? new SegmentationNet(SegmentationNetConfig.FromMetadata(metadata))
                    : throw new InvalidDataException("its metadata does not say which model it holds (no ResNetCam.* or SegmentationNet.* keys)");
                model.load_state_dict(tensors, strict: true);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"cannot load model '{file}': {e.Message}", e);
            }
            if (device is { } d) model.to(d);
            model.eval();
            var loaded = new TrainedModel(file, model, metadata);
            model = null;
            return loaded;
        }
        finally
        {
            model?.Dispose();
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
