namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>Which five severities a blur plugin offers (its parameter <c>ladder</c>).</summary>
public enum BlurLadder
{
    /// <summary><c>scaled</c> (the default): kernel sizes as fractions of the image side, so a 28-pixel image and a
    /// 224-pixel one are blurred alike relative to their size (docs/perturbations.md lists the fractions).</summary>
    Scaled,

    /// <summary><c>imagenet-c</c>: ImageNet-C's parameters, in pixels, meant for 224-pixel images, whatever the image
    /// size.</summary>
    ImageNetC,
}
