namespace AdvCam.Suites;

/// <summary>
/// The values a shipped suite measured, for tests that check a relation between cases (a paper's claim: one method above
/// another on the same images) rather than one case against its threshold. The suite runs once per test process, shared
/// with its <see cref="RobustnessCase"/>s.
/// </summary>
public static class SuiteMeasurements
{
    /// <summary>The value case <paramref name="caseName"/> (e.g. <c>cam/seed_mIoU_best</c>) measured in the run of the suite
    /// of <paramref name="thresholdsFile"/> on <c>ADVCAM_DEVICE</c>; a relative path is found as <see cref="RobustnessCasesAttribute"/>
    /// finds it (in the repository the tests run from, else the current directory).</summary>
    /// <exception cref="ArgumentException">The suite plans no such case, or the run did not measure it (the message says why).</exception>
    public static double Value(string thresholdsFile, string caseName)
    {
        // Resolved as [RobustnessCases] resolves it, so the cases and this share one run.
        var run = SuiteRunCache.Get(ThresholdFiles.Resolve(thresholdsFile));
        var planned = run.Cases.FirstOrDefault(c => c.Name == caseName)
            ?? throw new ArgumentException($"the suite of '{thresholdsFile}' has no case '{caseName}' (cases: {string.Join(", ", run.Cases.Select(c => c.Name))})", nameof(caseName));
        return planned.Find(run.Results)?.Value
            ?? throw new ArgumentException($"the suite of '{thresholdsFile}' did not measure '{caseName}'; results: {run.ResultsPath}", nameof(caseName));
    }
}
