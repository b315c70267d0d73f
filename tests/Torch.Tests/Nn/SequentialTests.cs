using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

public class SequentialTests
{
    [Test]
    public void Applies_layers_in_order_and_frees_intermediates()
    {
        using var scope = torch.NewDisposeScope();
        using var seq = new Sequential(new Flatten(), new ReLU(), new Identity());
        var x = torch.tensor(new float[] { -1, 2, -3, 4 }, new long[] { 1, 2, 2 });
        var before = Tensor.LiveCount;
        var y = seq.forward(x);
        Tensor.LiveCount.Should().Be(before + 1);
        y.shape.Should().Equal(1, 4);
        y.ToArray<float>().Should().Equal(0, 2, 0, 4);
        seq.named_children().Select(c => c.name).Should().Equal("0", "1", "2");
    }

    [Test]
    public void Dropout_is_identity_in_eval_mode()
    {
        using var scope = torch.NewDisposeScope();
        using var seq = new Sequential(new Dropout(0.5));
        var x = torch.ones(100);
        seq.eval();
        seq.forward(x).equal(x).Should().BeTrue();
        seq.train();
        var y = seq.forward(x).ToArray<float>();
        y.Should().OnlyContain(v => v == 0 || v == 2);
    }
}
