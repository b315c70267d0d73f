using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>torchvision's <c>ResNet._make_layer</c> and weight initialisation, shared by <see cref="ResNet"/> and <see cref="ResNetCam"/>.</summary>
internal static class ResNetStages
{
    /// <summary>
    /// One stage of <paramref name="blocks"/> blocks, as torchvision builds it. <paramref name="inplanes"/> and
    /// <paramref name="dilation"/> carry the running state across stages (torchvision's <c>self.inplanes</c>,
    /// <c>self.dilation</c>): with <paramref name="dilate"/>, the stride is replaced by dilation (the running dilation is
    /// multiplied by <paramref name="stride"/> and the stride becomes 1); the stage's first block keeps the previous
    /// dilation, the others take the new one.
    /// </summary>
    public static Sequential MakeLayer(ResNetBlockKind kind, ref long inplanes, ref long dilation, long planes, int blocks, long stride, bool dilate)
    {
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "a stage needs at least one block");
        if (planes < 1) throw new ArgumentOutOfRangeException(nameof(planes), planes, "a stage needs at least one channel");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "the stride must be at least 1");
        var previousDilation = dilation;
        if (dilate)
        {
            dilation *= stride;
            stride = 1;
        }
        var outChannels = planes * kind.Expansion();
        Sequential? downsample = null;
        if (stride != 1 || inplanes != outChannels)
            downsample = new Sequential(new Conv2d(inplanes, outChannels, 1, stride: stride, bias: false), new BatchNorm2d(outChannels));
        var layer = new Sequential(Block(kind, inplanes, planes, stride, downsample, previousDilation));
        inplanes = outChannels;
        for (var i = 1; i < blocks; i++) layer.append(Block(kind, inplanes, planes, 1, null, dilation));
        return layer;
    }

    private static Module<Tensor, Tensor> Block(ResNetBlockKind kind, long inplanes, long planes, long stride, Sequential? downsample, long dilation) =>
        kind switch
        {
            ResNetBlockKind.Basic => new BasicBlock(inplanes, planes, stride, downsample, dilation),
            ResNetBlockKind.Bottleneck => new Bottleneck(inplanes, planes, stride, downsample, dilation),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ResNet block kind"),
        };

    /// <summary>
    /// torchvision's ResNet initialisation: every convolution kaiming-normal (fan-out, ReLU gain), every batch norm
    /// weight 1 and bias 0; linear layers keep PyTorch's default.
    /// </summary>
    public static void Initialise(Module model)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        foreach (var (_, m) in model.named_modules())
        {
            switch (m)
            {
                case Conv2d conv:
                    conv.weight.copy_(Init.kaiming_normal_fan_out(conv.weight.shape));
                    break;
                case BatchNorm2d bn:
                    bn.weight?.fill_(1);
                    bn.bias?.zero_();
                    break;
            }
        }
    }
}
