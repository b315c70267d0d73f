using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Tests.Data.Loading;

public class ChannelStatisticsTests
{
    /// <summary>The images are float32 (about 7 digits); the sums are float64.</summary>
    private const double Float32Images = 1e-6;

    [Test]
    public void Matches_the_closed_form_over_uneven_batches()
    {
        // IndexSource pixel (i, c, k) = i + 0.01 (20 c + k), i in 0..9, k in 0..19: mean 4.5 + 0.01 (20 c + 9.5);
        // the two parts are independent, so var = var(i) + 1e-4 var(k) = 8.25 + 1e-4 * 399 / 12.
        var stats = ChannelStatistics.Measure(new IndexSource(10), batchSize: 3);
        for (var c = 0; c < IndexSource.Channels; c++)
        {
            stats.Mean[c].Should().BeApproximately(4.5 + 0.01 * (20 * c + 9.5), Float32Images);
            stats.Std[c].Should().BeApproximately(Math.Sqrt(8.25 + 1e-4 * 399 / 12), Float32Images);
        }
    }

    [Test]
    public void Refuses_an_empty_source() =>
        FluentActions.Invoking(() => ChannelStatistics.Measure(new IndexSource(0))).Should().Throw<ArgumentException>().WithMessage("*empty*");
}
