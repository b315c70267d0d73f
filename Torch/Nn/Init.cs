namespace AdvCam.Torch.Nn;

/// <summary>torch.nn.init: parameter initialisers, drawn from the default generator (seed with torch.manual_seed) or a given one.</summary>
public static class Init
{
    /// <summary>PyTorch's default for Conv2d/Linear weights (kaiming_uniform with a = sqrt(5)): U(-1/sqrt(fan_in), 1/sqrt(fan_in)).</summary>
    public static Tensor default_uniform(long[] shape, long fanIn, Generator? generator = null)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        return torch.empty(shape, ScalarType.Float32).uniform_(-bound, bound, generator);
    }

    /// <summary>Kaiming (He) normal, fan-out mode, for ReLU networks (torchvision's ResNet conv init).</summary>
    public static Tensor kaiming_normal_fan_out(long[] shape, Generator? generator = null)
    {
        long fanOut = shape[0];
        for (var i = 2; i < shape.Length; i++) fanOut *= shape[i];
        return torch.empty(shape, ScalarType.Float32).normal_(0, Math.Sqrt(2.0 / fanOut), generator);
    }
}
