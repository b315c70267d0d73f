using System.Globalization;

namespace AdvCam.Core.Training.PseudoLabels;

/// <summary>
/// How pseudo-labels compare with the true masks of the same scenes (a diagnostic only: training never sees the masks).
/// </summary>
/// <param name="Pixels">Pixels counted (those with a true label).</param>
/// <param name="ForegroundShare">Share of the pixels labelled as a class.</param>
/// <param name="BackgroundShare">Share labelled background.</param>
/// <param name="IgnoredShare">Share left uncertain (255).</param>
/// <param name="Accuracy">Share of the labelled (not ignored) pixels whose label is the true one.</param>
/// <param name="ForegroundPrecision">Share of the pixels labelled as a class whose true label is that class.</param>
/// <param name="ForegroundRecall">Share of the truly-foreground pixels labelled as their class.</param>
public sealed record PseudoLabelQuality(long Pixels, double ForegroundShare, double BackgroundShare, double IgnoredShare,
    double Accuracy, double ForegroundPrecision, double ForegroundRecall)
{
    private const string Prefix = "pseudo_labels.quality.";

    /// <summary>Counts <paramref name="labels"/> against <paramref name="truth"/> (same length; truth 255 pixels are left out).</summary>
    public static PseudoLabelQuality Measure(ReadOnlySpan<byte> labels, ReadOnlySpan<long> truth)
    {
        if (labels.Length != truth.Length) throw new ArgumentException($"{labels.Length} labels for {truth.Length} true pixels");
        long pixels = 0, fg = 0, bg = 0, ignored = 0, correct = 0, fgCorrect = 0, trueFg = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var t = truth[i];
            if (t == 255) continue;
            pixels++;
            var p = labels[i];
            if (t != 0) trueFg++;
            if (p == 255) { ignored++; continue; }
            if (p == 0) bg++;
            else
            {
                fg++;
                if (p == t) fgCorrect++;
            }
            if (p == t) correct++;
        }
        double Share(long a, long b) => b == 0 ? double.NaN : (double)a / b;
        return new PseudoLabelQuality(pixels, Share(fg, pixels), Share(bg, pixels), Share(ignored, pixels), Share(correct, fg + bg),
            Share(fgCorrect, fg), Share(fgCorrect, trueFg));
    }

    /// <summary>The figures as metadata strings (keys <c>pseudo_labels.quality.*</c>).</summary>
    public Dictionary<string, string> ToMetadata() => new()
    {
        [Prefix + "pixels"] = Pixels.ToString(CultureInfo.InvariantCulture),
        [Prefix + "foreground_share"] = Text(ForegroundShare),
        [Prefix + "background_share"] = Text(BackgroundShare),
        [Prefix + "ignored_share"] = Text(IgnoredShare),
        [Prefix + "accuracy"] = Text(Accuracy),
        [Prefix + "foreground_precision"] = Text(ForegroundPrecision),
        [Prefix + "foreground_recall"] = Text(ForegroundRecall),
    };

    /// <summary>The figures written by <see cref="ToMetadata"/>, or null when a key is missing or does not parse.</summary>
    public static PseudoLabelQuality? FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        double Get(string key) => metadata.TryGetValue(Prefix + key, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
        if (!metadata.TryGetValue(Prefix + "pixels", out var p) || !long.TryParse(p, CultureInfo.InvariantCulture, out var pixels)) return null;
        return new PseudoLabelQuality(pixels, Get("foreground_share"), Get("background_share"), Get("ignored_share"), Get("accuracy"),
            Get("foreground_precision"), Get("foreground_recall"));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"foreground {ForegroundShare:P1}, background {BackgroundShare:P1}, ignored {IgnoredShare:P1}; accuracy of the labelled pixels {Accuracy:P1}, foreground precision {ForegroundPrecision:P1}, recall {ForegroundRecall:P1}");

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
