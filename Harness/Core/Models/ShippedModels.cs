namespace AdvCam.Core.Models;

/// <summary>
/// The default models that ship with the repository in <c>models/</c>: <see cref="FashionMnist"/> (single-label
/// Fashion-MNIST classifier) and <see cref="FashionScenes"/> (multi-label CAM classifier of FashionScenes), each a folder
/// with <c>model.safetensors</c> and its <c>model.json</c> card.
/// </summary>
public static class ShippedModels
{
    /// <summary>Environment variable naming the models folder (overrides the search).</summary>
    public const string EnvironmentVariable = "ADVCAM_MODELS";

    /// <summary>Folder name of the Fashion-MNIST classifier.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>Folder name of the FashionScenes CAM classifier.</summary>
    public const string FashionScenes = "fashion-scenes";

    /// <summary>
    /// The models folder: <c>ADVCAM_MODELS</c> when set, else the first <c>models</c> folder holding
    /// <c>fashion-mnist/model.safetensors</c> found walking up from the application's folder (so it is found from a
    /// repository's build outputs and from <c>dotnet run</c>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder; the message says where it looked.</exception>
    public static string Directory()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return System.IO.Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}='{configured}' is not a folder");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, FashionMnist, TrainedModel.FileName))) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"no shipped models folder (models/{FashionMnist}/{TrainedModel.FileName}) above '{AppContext.BaseDirectory}'; set {EnvironmentVariable}");
    }

    /// <summary>The folder of shipped model <paramref name="name"/> (<see cref="FashionMnist"/> or <see cref="FashionScenes"/>).</summary>
    public static string PathOf(string name) => Path.Combine(Directory(), name);
}
