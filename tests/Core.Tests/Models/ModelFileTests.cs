using AdvCam.Core.Models;
using AdvCam.Torch.IO;

namespace AdvCam.Core.Tests.Models;

public class ModelFileTests
{
    private string folder = "";

    private static ResNetCamConfig Tiny => new()
    {
        NumClasses = 4,
        StemChannels = 8,
        Widths = new long[] { 8, 16 },
        Blocks = new[] { 1, 1 },
        Strides = new long[] { 1, 2 },
    };

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "advcam-modelfile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>A model whose batch-norm running statistics are not the defaults, so the file must carry them.</summary>
    private static ResNetCam Trained(ResNetCamConfig config, ulong seed)
    {
        torch.manual_seed(seed);
        var model = new ResNetCam(config);
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            model.train();
            model.forward(torch.rand(4, 3, 16, 16));
        }
        model.eval();
        return model;
    }

    [Test]
    public void Save_and_load_round_trip_is_exact()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "model.safetensors");
        using var a = Trained(Tiny, 1);
        ModelFile.Save(path, a, Tiny.ToMetadata());

        torch.manual_seed(2);
        using var b = new ResNetCam(Tiny);
        b.eval();
        var x = torch.rand(2, 3, 16, 16);
        b.forward(x).equal(a.forward(x)).Should().BeFalse();
        var metadata = ModelFile.Load(path, b);
        b.forward(x).equal(a.forward(x)).Should().BeTrue();
        foreach (var (name, tensor) in a.state_dict())
            b.state_dict()[name].equal(tensor).Should().BeTrue(name);

        metadata.Should().NotBeNull();
        var config = ResNetCamConfig.FromMetadata(metadata!);
        config.ToMetadata().Should().Equal(Tiny.ToMetadata());
    }

    [Test]
    public void A_file_with_a_wrong_shape_is_refused_naming_the_key()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "five-classes.safetensors");
        using (var other = new ResNetCam(new ResNetCamConfig
        {
            NumClasses = 5, StemChannels = 8, Widths = new long[] { 8, 16 }, Blocks = new[] { 1, 1 }, Strides = new long[] { 1, 2 },
        }))
            ModelFile.Save(path, other);

        using var model = new ResNetCam(Tiny);
        var before = model.fc.weight.clone();
        var act = () => ModelFile.Load(path, model);
        act.Should().Throw<InvalidDataException>()
            .WithMessage("*five-classes.safetensors*fc.weight: shape [5, 16] in the state dict, [4, 16] in the model*");
        model.fc.weight.equal(before).Should().BeTrue("a refused file changes nothing");
    }

    [Test]
    public void A_file_with_a_missing_or_unexpected_key_is_refused_naming_it()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam(Tiny);
        var missingPath = Path.Combine(folder, "missing.safetensors");
        Safetensors.Save(missingPath, model.state_dict().Where(kv => kv.Key != "layer1.0.bn1.running_var").ToDictionary(kv => kv.Key, kv => kv.Value));
        var act = () => ModelFile.Load(missingPath, model);
        act.Should().Throw<InvalidDataException>().WithMessage("*missing [layer1.0.bn1.running_var]*");

        var extraPath = Path.Combine(folder, "extra.safetensors");
        var extra = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
        extra["fc.bias"] = torch.zeros(4);
        Safetensors.Save(extraPath, extra);
        var act2 = () => ModelFile.Load(extraPath, model);
        act2.Should().Throw<InvalidDataException>().WithMessage("*unexpected [fc.bias]*");
    }

    [Test]
    public void Metadata_that_does_not_describe_a_model_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var act = () => ResNetCamConfig.FromMetadata(new Dictionary<string, string> { ["ResNetCam.NumClasses"] = "4" });
        act.Should().Throw<InvalidDataException>().WithMessage("*ResNetCam.InChannels*");
        var bad = Tiny.ToMetadata();
        bad["ResNetCam.Widths"] = "8,x";
        var act2 = () => ResNetCamConfig.FromMetadata(bad);
        act2.Should().Throw<InvalidDataException>().WithMessage("*ResNetCam.Widths*'x'*");
    }
}
