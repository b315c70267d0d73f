using System.Text.Json;
using AdvCam.Torch.IO;

namespace AdvCam.Core.Tests.Models;

/// <summary>The torchvision fixtures made by Fixtures/make_fixtures.py.</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Models", "Fixtures", name);

    /// <summary>(name, shape) of every state-dict entry of torchvision's model <paramref name="arch"/>, in order.</summary>
    public static List<(string Name, long[] Shape)> StateDictOf(string arch)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf("resnet_state_dicts.json")));
        return doc.RootElement.GetProperty(arch).EnumerateArray()
            .Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()))
            .ToList();
    }

    /// <summary>A torchvision model's state dict, its input and its logits (tensors owned by the current scope).</summary>
    public static (Dictionary<string, Tensor> State, Tensor Input, Tensor Logits) Reference(string file)
    {
        var tensors = Safetensors.Load(PathOf(file));
        var input = tensors["__input"];
        var logits = tensors["__logits"];
        tensors.Remove("__input");
        tensors.Remove("__logits");
        return (tensors, input, logits);
    }
}
