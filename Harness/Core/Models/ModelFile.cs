using AdvCam.Torch;
using AdvCam.Torch.IO;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// Saves and loads a module's weights as a safetensors file keyed by its state-dict names
/// (<c>layer1.0.conv1.weight</c>, ...; buffers such as batch-norm running statistics included), so files are
/// interchangeable with PyTorch's <c>safetensors.torch.save_file(model.state_dict())</c>.
/// </summary>
public static class ModelFile
{
    /// <summary>
    /// Writes every parameter and buffer of <paramref name="module"/> (copied to the CPU, without gradients) and the
    /// optional string <paramref name="metadata"/> to <paramref name="path"/>, atomically.
    /// </summary>
    public static void Save(string path, Module module, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(module);
        Safetensors.Save(path, module.state_dict(), metadata);
    }

    /// <summary>
    /// Loads the file at <paramref name="path"/> into <paramref name="module"/>, strictly: every key of the module must be
    /// in the file and nothing else, with the same shape and dtype (checked by <see cref="Module.load_state_dict"/>,
    /// which names every offending key). The values are copied onto the module's device; nothing is changed when the
    /// file does not fit. Returns the file's metadata (null when it has none).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, or does not fit the module; the message names the file and the keys.</exception>
    public static Dictionary<string, string>? Load(string path, Module module)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(module);
        var (tensors, metadata) = Safetensors.LoadWithMetadata(path);
        try
        {
            module.load_state_dict(tensors, strict: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"cannot load '{path}': {e.Message}", e);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
        return metadata;
    }
}
