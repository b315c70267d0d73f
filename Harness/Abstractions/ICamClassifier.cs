using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// What attribution and feature-perturbation methods need from a classifier (DESIGN.md §4, §6): the logits, the
/// last feature map and the classifier weights (CAM), and the forward pass split at a named stage (AdvBN).
/// </summary>
/// <remarks>
/// <para>The network is <c>stem → stage 1 → ... → stage N → global average pooling → linear head</c>;
/// <see cref="stage_names"/> lists <c>"stem"</c> and the stages (<c>"layer1"</c>.. <c>"layerN"</c>). The identities
/// that hold for every implementation (up to floating-point rounding):
/// <c>forward(x) == forward_from(forward_until(x, s), s)</c> for every stage <c>s</c>;
/// <c>features(x) == forward_until(x, stage_names[^1])</c>;
/// <c>forward(x) == mean_hw(features(x)) · head_weightᵀ (+ head_bias)</c>.</para>
/// <para>Bias: CAM (CAM_c = ReLU(Σ_k w_ck f_k)) uses <see cref="head_weight"/> only. A classifier whose head has a
/// bias (AdvCam.Core's <c>ResNet</c>, as torchvision's) reports it in <see cref="head_bias"/>, and CAM methods ignore it: the
/// bias is one constant per class, adds nothing to where the class is, and is not part of the CAM definition. Models
/// trained for CAM (AdvCam.Core's <c>ResNetCam</c>) have a bias-free head, where <see cref="head_bias"/> is null.</para>
/// <para>Every method returns a new tensor the caller owns (or its dispose scope); mode (train/eval) is the module's.</para>
/// </remarks>
public interface ICamClassifier
{
    /// <summary>Number of classes (rows of <see cref="head_weight"/>).</summary>
    int num_classes { get; }

    /// <summary>Channels of the last feature map (columns of <see cref="head_weight"/>).</summary>
    long feature_channels { get; }

    /// <summary>Input images' spatial size divided by the last feature map's (for sizes divisible by it).</summary>
    long output_stride { get; }

    /// <summary>The stages in order: <c>"stem"</c>, then <c>"layer1"</c>..<c>"layerN"</c>.</summary>
    IReadOnlyList<string> stage_names { get; }

    /// <summary>Logits [N, classes] of images [N, C, H, W].</summary>
    Tensor forward(Tensor input);

    /// <summary>The last feature map [N, feature_channels, h, w], before global average pooling.</summary>
    Tensor features(Tensor input);

    /// <summary>The head's weight [classes, feature_channels] (the module's own parameter: do not dispose it).</summary>
    Tensor head_weight { get; }

    /// <summary>The head's bias [classes], or null when the head is bias-free; CAM ignores it (see the remarks).</summary>
    Tensor? head_bias { get; }

    /// <summary>The feature map after <paramref name="stage"/> (one of <see cref="stage_names"/>) for images [N, C, H, W].</summary>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is not a stage of this model.</exception>
    Tensor forward_until(Tensor input, string stage);

    /// <summary>
    /// Logits from a feature map taken after <paramref name="stage"/> (as <see cref="forward_until"/> returns it, or a
    /// perturbed one): runs the later stages, pooling and the head. With the last stage, this is the head alone.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is not a stage of this model.</exception>
    Tensor forward_from(Tensor feature, string stage);
}
