using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Running;

/// <summary>
/// A trained <see cref="SegmentationNet"/> as plugins get it (<see cref="ISegmentationModel"/>): it takes images in
/// [0, 1] and normalises them per channel with its task's statistics, <c>(x - mean[c]) / std[c]</c>, before the network,
/// as <see cref="NormalizedClassifier"/> does for classifiers. Owns the loaded model.
/// </summary>
public sealed class NormalizedSegmentationModel : ISegmentationModel, IDisposable
{
    private readonly TrainedModel model;
    private readonly SegmentationNet net;
    private readonly float[] mean;
    private readonly float[] std;

    /// <summary>Wraps <paramref name="model"/> (taken over: disposed with this), whose network takes images normalised with
    /// <paramref name="mean"/> and <paramref name="std"/>.</summary>
    /// <exception cref="ArgumentException">The model is not a <see cref="SegmentationNet"/>, or the statistics do not fit
    /// its input channels.</exception>
    public NormalizedSegmentationModel(TrainedModel model, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        net = model.Model as SegmentationNet ?? throw new ArgumentException(
            $"model '{model.Path}' is a {model.Model.GetType().Name}, not a segmentation model (SegmentationNet)", nameof(model));
        if (mean.Count != net.config.InChannels || std.Count != net.config.InChannels || std.Any(s => !(s > 0)))
            throw new ArgumentException($"model '{model.Path}' takes {net.config.InChannels} channels; got {mean.Count} means and {std.Count} positive stds");
        this.model = model;
        this.mean = [.. mean];
        this.std = [.. std];
    }

    /// <inheritdoc />
    public string Path => model.Path;

    /// <inheritdoc />
    public int num_classes => net.num_classes;

    /// <inheritdoc />
    public long in_channels => net.config.InChannels;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Metadata => model.Metadata;

    /// <inheritdoc />
    public Tensor forward(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.size(1) != net.config.InChannels)
            throw new ArgumentException($"images must be [N, {net.config.InChannels}, H, W] for segmentation model '{Path}', got {images.ShapeText}", nameof(images));
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        net.eval();
        var m = torch.tensor(mean, [1, mean.Length, 1, 1], images.device).to(images.dtype);
        var s = torch.tensor(std, [1, std.Length, 1, 1], images.device).to(images.dtype);
        var logits = net.forward(images.sub(m).div(s));
        return scope.MoveToOuter(logits);
    }

    /// <inheritdoc />
    public void Dispose() => model.Dispose();
}
