using AdvCam.Abstractions;
using AdvCam.Core.Data.Loading;
using AdvCam.Torch;

namespace AdvCam.Core.Training.PseudoLabels;

/// <summary>
/// Makes the pseudo-labels of training scenes: an attribution plugin explains a classifier on each scene's classes
/// present (its image-level labels, the weak supervision), and <see cref="PseudoLabelMap"/> keeps the confident pixels.
/// The scenes' true masks are read only to measure the labels (<see cref="PseudoLabelQuality"/>).
/// </summary>
public static class PseudoLabelGenerator
{
    /// <summary>The pseudo-labels of every item of <paramref name="scenes"/>, in order.</summary>
    /// <param name="attribution">The attribution plugin, configured as it should run.</param>
    /// <param name="classifier">The classifier on images in [0, 1] (e.g. a <see cref="Running.NormalizedClassifier"/>), in eval mode, on <paramref name="device"/>.</param>
    /// <param name="scenes">The training scenes, un-normalised images in [0, 1] with multi-hot labels [B, K] and masks.</param>
    /// <param name="settings">The settings (thresholds; <see cref="PseudoLabelSettings.Scenes"/> must be the source's count).</param>
    /// <param name="batchSize">Scenes per attribution call.</param>
    /// <param name="device">Where images go.</param>
    /// <param name="progress">Told the scenes done after every batch, or null.</param>
    /// <param name="cancellation">Checked before every batch.</param>
    /// <exception cref="ArgumentException">The settings do not fit the source, or a batch's labels do not fit the classifier.</exception>
    /// <exception cref="InvalidOperationException">The attribution returned maps of the wrong shape.</exception>
    public static PseudoLabelSet Generate(IAttribution attribution, ICamClassifier classifier, IBatchSource scenes, PseudoLabelSettings settings,
        int batchSize, Device device, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(scenes);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        PseudoLabelMap.Check(settings.Foreground, settings.Background);
        if (settings.Scenes != scenes.Count)
            throw new ArgumentException($"the settings are for {settings.Scenes} scenes, the source has {scenes.Count}");
        var k = classifier.num_classes;
        byte[]? labels = null;
        long[]? truth = null;
        int height = 0, width = 0;
        var loader = new DataLoader(scenes, batchSize, workers: 0);
        var done = 0;
        foreach (var batch in loader.Epoch(0))
        {
            var count = batch.Count;
            using (batch)
            using (torch.NewDisposeScope())
            {
                cancellation.ThrowIfCancellationRequested();
                var images = batch.Images.to(device);
                var targets = batch.Targets;
                if (targets.dim() != 2 || targets.size(1) != k)
                    throw new ArgumentException($"scenes must have multi-hot labels [B, {k}] for this {k}-class classifier, got {targets.ShapeText}");
                var present = targets.to(ScalarType.Float32).gt(0.5);
                var flags = present.ToArray<bool>();
                var lists = new int[batch.Count][];
                for (var i = 0; i < lists.Length; i++) lists[i] = Enumerable.Range(0, k).Where(c => flags[i * k + c]).ToArray();
                var maps = attribution.Explain(classifier, images, lists);
                if (maps.dim() != 4 || maps.size(0) != batch.Count || maps.size(1) != k || maps.size(2) != images.size(2) || maps.size(3) != images.size(3))
                    throw new InvalidOperationException($"attribution '{attribution.Name}' returned maps {maps.ShapeText} for images {images.ShapeText} and {k} classes");
                var pseudo = PseudoLabelMap.Compute(maps.detach(), present.to(maps.device), settings.Foreground, settings.Background).cpu();
                if (labels is null)
                {
                    height = checked((int)images.size(2));
                    width = checked((int)images.size(3));
                    labels = new byte[(long)settings.Scenes * height * width];
                    truth = new long[labels.Length];
                }
                var size = height * width;
                var values = pseudo.to(ScalarType.Byte).ToArray<byte>();
                values.CopyTo(labels, (long)done * size);
                var masks = batch.Masks ?? throw new ArgumentException("the scenes carry no masks to measure the pseudo-labels against");
                masks.to(ScalarType.Int64).ToArray<long>().CopyTo(truth!, (long)done * size);
            }
            done += count;
            progress?.Report(done);
        }
        if (labels is null) throw new ArgumentException("the scene source has no item");
        return new PseudoLabelSet(settings, labels, height, width, PseudoLabelQuality.Measure(labels, truth));
    }
}
