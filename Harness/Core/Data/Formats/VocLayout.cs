namespace AdvCam.Core.Data.Formats;

/// <summary>
/// The PASCAL VOC segmentation layout under a root folder (VOC2012's <c>VOCdevkit/VOC2012</c>):
/// <list type="bullet">
/// <item><c>JPEGImages/&lt;id&gt;.jpg</c>: the images. Reading also accepts <c>.jpeg</c> and <c>.png</c> (any letter
/// case); <see cref="VocWriter"/> writes <c>&lt;id&gt;.png</c>, losslessly, which readers that hard-code <c>.jpg</c>
/// (torchvision's <c>VOCSegmentation</c>) will not find, while readers with an image suffix setting
/// (MMSegmentation's <c>img_suffix='.png'</c>) will.</item>
/// <item><c>SegmentationClass/&lt;id&gt;.png</c>: the masks, palette PNGs with the <see cref="VocColormap"/>
/// (index = class, 0 background, 255 ignore). Reading also accepts grey PNGs whose values are the indices.</item>
/// <item><c>ImageSets/Segmentation/&lt;split&gt;.txt</c>: the ids of a split, one a line.</item>
/// </list>
/// </summary>
public static class VocLayout
{
    /// <summary>The folder of the images, under the root.</summary>
    public const string ImageFolder = "JPEGImages";

    /// <summary>The folder of the masks, under the root.</summary>
    public const string MaskFolder = "SegmentationClass";

    /// <summary>The extension of mask files.</summary>
    public const string MaskExtension = ".png";

    /// <summary>The extension <see cref="VocWriter"/> gives images (PNG, so exported images are lossless).</summary>
    public const string WrittenImageExtension = ".png";

    /// <summary>Image extensions a reader accepts (compared ignoring case), in order of preference.</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".jpg", ".jpeg", ".png"];

    /// <summary>The folder of the split lists, under the root: <c>ImageSets/Segmentation</c>.</summary>
    public static string ListFolder { get; } = Path.Combine("ImageSets", "Segmentation");

    /// <summary>The list file of <paramref name="split"/>: <c>&lt;root&gt;/ImageSets/Segmentation/&lt;split&gt;.txt</c>.</summary>
    public static string ListPath(string root, string split) => Path.Combine(root, ListFolder, split + ".txt");

    /// <summary>The mask file of <paramref name="id"/>: <c>&lt;root&gt;/SegmentationClass/&lt;id&gt;.png</c>.</summary>
    public static string MaskPath(string root, string id) => Path.Combine(root, MaskFolder, id + MaskExtension);

    /// <summary>The image file <see cref="VocWriter"/> writes for <paramref name="id"/>: <c>&lt;root&gt;/JPEGImages/&lt;id&gt;.png</c>.</summary>
    public static string WrittenImagePath(string root, string id) => Path.Combine(root, ImageFolder, id + WrittenImageExtension);

    /// <summary>Whether <paramref name="fileName"/> ends with one of <see cref="ImageExtensions"/>, ignoring case.</summary>
    internal static bool IsImageFile(string fileName) =>
        ImageExtensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
