using AdvCam.Core.Metrics;

namespace AdvCam.Core.Tests.Metrics;

public class CorruptionMetricsTests
{
    /// <summary>Rounding of sums and ratios of a few decimal errors computed in double.</summary>
    private const double DecimalRounding = 1e-12;

    // Two corruptions x three severities; errors = 1 - accuracy.
    //                 clean   severity 1   2     3
    //   model  noise  0.10    0.20        0.30  0.40
    //          blur           0.15        0.25  0.35
    //   base   noise  0.20    0.40        0.50  0.60
    //          blur           0.30        0.40  0.50
    // CE_noise = (0.2+0.3+0.4) / (0.4+0.5+0.6) = 0.9 / 1.5 = 0.6
    // CE_blur  = (0.15+0.25+0.35) / (0.3+0.4+0.5) = 0.75 / 1.2 = 0.625
    // mCE = (0.6 + 0.625) / 2 = 0.6125
    // relative CE_noise = ((0.2-0.1)+(0.3-0.1)+(0.4-0.1)) / ((0.4-0.2)+(0.5-0.2)+(0.6-0.2)) = 0.6 / 0.9 = 2/3
    // relative CE_blur  = (0.05+0.15+0.25) / (0.1+0.2+0.3) = 0.45 / 0.6 = 0.75
    // relative mCE = (2/3 + 3/4) / 2 = 17/24
    private static readonly CorruptionResults Model = new(0.10, new Dictionary<string, double[]>
    {
        ["noise"] = [0.20, 0.30, 0.40],
        ["blur"] = [0.15, 0.25, 0.35],
    });

    private static readonly CorruptionResults Baseline = new(0.20, new Dictionary<string, double[]>
    {
        ["noise"] = [0.40, 0.50, 0.60],
        ["blur"] = [0.30, 0.40, 0.50],
        ["fog"] = [0.9, 0.9, 0.9], // not among the model's corruptions: ignored
    });

    [Test]
    public void CE_and_mCE_match_the_hand_worked_table()
    {
        CorruptionMetrics.CorruptionError(Model, Baseline, "noise").Should().BeApproximately(0.6, DecimalRounding);
        CorruptionMetrics.CorruptionError(Model, Baseline, "blur").Should().BeApproximately(0.625, DecimalRounding);
        CorruptionMetrics.MeanCorruptionError(Model, Baseline).Should().BeApproximately(0.6125, DecimalRounding);
    }

    [Test]
    public void Relative_CE_and_mCE_match_the_hand_worked_table()
    {
        CorruptionMetrics.RelativeCorruptionError(Model, Baseline, "noise").Should().BeApproximately(2.0 / 3, DecimalRounding);
        CorruptionMetrics.RelativeCorruptionError(Model, Baseline, "blur").Should().BeApproximately(0.75, DecimalRounding);
        CorruptionMetrics.RelativeMeanCorruptionError(Model, Baseline).Should().BeApproximately(17.0 / 24, DecimalRounding);
    }

    [Test]
    public void Results_from_accuracies_are_one_minus_them()
    {
        // The model's table as accuracies: clean 0.9; noise 0.8 0.7 0.6; blur 0.85 0.75 0.65.
        var model = CorruptionResults.FromAccuracies(0.9, new Dictionary<string, double[]>
        {
            ["noise"] = [0.8, 0.7, 0.6],
            ["blur"] = [0.85, 0.75, 0.65],
        });
        model.CleanError.Should().BeApproximately(0.1, DecimalRounding);
        model["blur"].Should().Equal([0.15, 0.25, 0.35], (a, e) => Math.Abs(a - e) < DecimalRounding);
        model.Corruptions.Should().Equal("noise", "blur");
        CorruptionMetrics.MeanCorruptionError(model, Baseline).Should().BeApproximately(0.6125, DecimalRounding);
        CorruptionMetrics.RelativeMeanCorruptionError(model, Baseline).Should().BeApproximately(17.0 / 24, DecimalRounding);
    }

    [Test]
    public void A_missing_corruption_or_severity_and_a_zero_denominator_are_refused_naming_them()
    {
        var noNoise = new CorruptionResults(0.2, new Dictionary<string, double[]> { ["blur"] = [0.3, 0.4, 0.5] });
        FluentActions.Invoking(() => CorruptionMetrics.MeanCorruptionError(Model, noNoise))
            .Should().Throw<ArgumentException>().WithMessage("the baseline has no results for corruption 'noise' (it has: blur)*");
        FluentActions.Invoking(() => CorruptionMetrics.CorruptionError(Model, Baseline, "snow"))
            .Should().Throw<ArgumentException>().WithMessage("the model has no results for corruption 'snow'*");

        var twoSeverities = new CorruptionResults(0.2, new Dictionary<string, double[]>
        {
            ["noise"] = [0.4, 0.5],
            ["blur"] = [0.3, 0.4, 0.5],
        });
        FluentActions.Invoking(() => CorruptionMetrics.RelativeMeanCorruptionError(Model, twoSeverities))
            .Should().Throw<ArgumentException>().WithMessage("corruption 'noise' has 3 severities for the model but 2 for the baseline*");

        var perfect = new CorruptionResults(0, new Dictionary<string, double[]> { ["noise"] = [0, 0, 0], ["blur"] = [0.3, 0.4, 0.5] });
        FluentActions.Invoking(() => CorruptionMetrics.MeanCorruptionError(Model, perfect))
            .Should().Throw<ArgumentException>().WithMessage("the CE of 'noise' is undefined*sum to 0*");

        // Baseline clean error 0.25, blur errors 0.125, 0.25, 0.375 (exact in binary): (-0.125) + 0 + 0.125 = 0.
        var flat = new CorruptionResults(0.25, new Dictionary<string, double[]> { ["noise"] = [0.4, 0.5, 0.6], ["blur"] = [0.125, 0.25, 0.375] });
        CorruptionMetrics.CorruptionError(Model, flat, "blur").Should().BeApproximately(0.75 / 0.75, DecimalRounding);
        FluentActions.Invoking(() => CorruptionMetrics.RelativeCorruptionError(Model, flat, "blur"))
            .Should().Throw<ArgumentException>().WithMessage("the relative CE of 'blur' is undefined*clean error (0.25) sum to 0 over the 3 severities*");
    }

    [Test]
    public void Results_refuse_errors_outside_0_to_1_and_empty_tables()
    {
        FluentActions.Invoking(() => new CorruptionResults(0.1, new Dictionary<string, double[]> { ["noise"] = [0.2, 1.2] }))
            .Should().Throw<ArgumentException>().WithMessage("the error of 'noise' at severity 2 is 1.2, not an error in [0, 1]*");
        FluentActions.Invoking(() => new CorruptionResults(0.1, new Dictionary<string, double[]> { ["noise"] = [double.NaN] }))
            .Should().Throw<ArgumentException>().WithMessage("the error of 'noise' at severity 1 is NaN*");
        FluentActions.Invoking(() => new CorruptionResults(-0.1, new Dictionary<string, double[]> { ["noise"] = [0.2] }))
            .Should().Throw<ArgumentException>().WithMessage("the clean error is -0.1*");
        FluentActions.Invoking(() => new CorruptionResults(0.1, new Dictionary<string, double[]>()))
            .Should().Throw<ArgumentException>().WithMessage("*at least one corruption*");
        FluentActions.Invoking(() => new CorruptionResults(0.1, new Dictionary<string, double[]> { ["noise"] = [] }))
            .Should().Throw<ArgumentException>().WithMessage("corruption 'noise' has no severity*");
        FluentActions.Invoking(() => CorruptionResults.FromAccuracies(0.9, new Dictionary<string, double[]> { ["fog"] = [0.5, 1.5] }))
            .Should().Throw<ArgumentException>().WithMessage("the accuracy of 'fog' at severity 2 is 1.5, not an accuracy in [0, 1]*");
        FluentActions.Invoking(() => Model["snow"]).Should().Throw<KeyNotFoundException>().WithMessage("*'snow' (there are: noise, blur)*");
    }
}
