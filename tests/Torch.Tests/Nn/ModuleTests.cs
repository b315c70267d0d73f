using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

public class ModuleTests
{
    /// <summary>A torchvision-style residual block: the names its state dict must carry.</summary>
    private sealed class Block : Module<Tensor, Tensor>
    {
        public Block(long channels)
        {
            conv1 = register_module("conv1", new Conv2d(channels, channels, 3, padding: 1, bias: false));
            bn1 = register_module("bn1", new BatchNorm2d(channels));
        }

        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;

        public override Tensor forward(Tensor input)
        {
            using var y = conv1.forward(input);
            using var z = bn1.forward(y);
            return z.relu();
        }
    }

    private sealed class Net : Module<Tensor, Tensor>
    {
        public Net()
        {
            layer1 = register_module("layer1", new Sequential(new Block(2), new Block(2)));
            fc = register_module("fc", new Linear(2, 3, bias: false));
        }

        private readonly Sequential layer1;
        private readonly Linear fc;

        public override Tensor forward(Tensor input)
        {
            using var f = layer1.forward(input);
            using var pooled = F.adaptive_avg_pool2d(f, 1).flatten(1);
            return fc.forward(pooled);
        }
    }

    [Test]
    public void State_dict_names_follow_PyTorch()
    {
        using var net = new Net();
        net.state_dict().Keys.Should().Equal(
            "layer1.0.conv1.weight",
            "layer1.0.bn1.weight", "layer1.0.bn1.bias", "layer1.0.bn1.running_mean", "layer1.0.bn1.running_var", "layer1.0.bn1.num_batches_tracked",
            "layer1.1.conv1.weight",
            "layer1.1.bn1.weight", "layer1.1.bn1.bias", "layer1.1.bn1.running_mean", "layer1.1.bn1.running_var", "layer1.1.bn1.num_batches_tracked",
            "fc.weight");
        net.parameters().Should().HaveCount(7);
    }

    [Test]
    public void Load_state_dict_copies_values_and_round_trips()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var a = new Net();
        torch.manual_seed(2);
        using var b = new Net();
        var x = torch.randn(2, 2, 4, 4);
        a.eval();
        b.eval();
        a.forward(x).allclose(b.forward(x)).Should().BeFalse();
        b.load_state_dict(a.state_dict());
        a.forward(x).equal(b.forward(x)).Should().BeTrue();
    }

    [Test]
    public void Load_state_dict_lists_missing_unexpected_and_mismatched_entries()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new Net();
        var state = net.state_dict().Where(kv => kv.Key != "fc.weight").ToDictionary(kv => kv.Key, kv => kv.Value);
        state["extra"] = torch.zeros(1);
        var act = () => net.load_state_dict(state);
        act.Should().Throw<InvalidDataException>().WithMessage("*missing [fc.weight]*unexpected [extra]*");

        var wrongShape = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
        wrongShape["fc.weight"] = torch.zeros(3, 5);
        var act2 = () => net.load_state_dict(wrongShape);
        act2.Should().Throw<InvalidDataException>().WithMessage("*fc.weight: shape [3, 5] in the state dict, [3, 2] in the model*");

        var wrongType = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
        wrongType["fc.weight"] = torch.zeros(new long[] { 3, 2 }, ScalarType.Float64);
        var act3 = () => net.load_state_dict(wrongType);
        act3.Should().Throw<InvalidDataException>().WithMessage("*fc.weight: dtype Float64 in the state dict, Float32 in the model*");
    }

    [Test]
    public void Train_and_eval_reach_every_child()
    {
        using var net = new Net();
        net.eval();
        net.named_modules().Should().OnlyContain(m => !m.module.training);
        net.train();
        net.named_modules().Should().OnlyContain(m => m.module.training);
    }

    [Test]
    public void To_dtype_keeps_parameter_identity_so_optimizers_stay_valid()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new Linear(2, 2);
        var before = net.weight;
        net.to(ScalarType.Float64);
        net.weight.Should().BeSameAs(before);
        net.weight.dtype.Should().Be(ScalarType.Float64);
        net.weight.requires_grad.Should().BeTrue();
    }

    [Test]
    public void Default_initialisation_is_bounded_by_one_over_sqrt_fan_in()
    {
        using var scope = torch.NewDisposeScope();
        using var conv = new Conv2d(4, 8, 3);
        var bound = 1 / Math.Sqrt(4 * 3 * 3);
        conv.weight.abs().max().item<float>().Should().BeLessThanOrEqualTo((float)bound);
        conv.weight.abs().max().item<float>().Should().BeGreaterThan((float)(bound * 0.5));
    }

    [Test]
    public void Disposing_a_module_frees_its_tensors()
    {
        var start = Tensor.LiveCount;
        var net = new Net();
        Tensor.LiveCount.Should().Be(start + 13);
        net.Dispose();
        Tensor.LiveCount.Should().Be(start);
    }
}
