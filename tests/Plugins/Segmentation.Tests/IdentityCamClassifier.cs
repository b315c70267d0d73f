using AdvCam.Abstractions;

namespace AdvCam.Plugins.Segmentation.Tests;

/// <summary>
/// The smallest real CAM classifier, whose maps can be worked out by hand: its feature map is the image itself (one
/// stage, "stem", the identity; output stride 1) and its head is the identity matrix, so with C channels it has C classes
/// and <c>CAM_c = ReLU(x_c) / (max ReLU(x_c) + 1e-5)</c>.
/// </summary>
internal sealed class IdentityCamClassifier(int channels) : ICamClassifier, IDisposable
{
    private readonly Tensor weight = torch.eye(channels);

    public int num_classes => channels;

    public long feature_channels => channels;

    public long output_stride => 1;

    public IReadOnlyList<string> stage_names { get; } = ["stem"];

    public Tensor head_weight => weight;

    public Tensor? head_bias => null;

    public Tensor forward(Tensor input) => forward_from(features(input), "stem");

    public Tensor features(Tensor input) => input.clone();

    public Tensor forward_until(Tensor input, string stage) =>
        stage == "stem" ? features(input) : throw new ArgumentException($"no stage '{stage}'", nameof(stage));

    public Tensor forward_from(Tensor feature, string stage)
    {
        if (stage != "stem") throw new ArgumentException($"no stage '{stage}'", nameof(stage));
        using var pooled = feature.mean([2, 3]);
        using var transposed = weight.transpose(0, 1);
        return pooled.matmul(transposed);
    }

    public void Dispose() => weight.Dispose();
}
