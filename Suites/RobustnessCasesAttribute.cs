using AdvCam.Core.Regression;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace AdvCam.Suites;

/// <summary>
/// Generates a robustness suite's NUnit cases on a method taking one <see cref="RobustnessCase"/>: the <c>run</c> case,
/// then one case per plugin × severity × metric of the suite the threshold file names, planned from the plugins found
/// (the same search path as <c>advcam run</c>: <c>ADVCAM_PLUGINS</c>, the threshold file's <c>plugin_folders</c>, the
/// <c>plugins</c> folder beside the test assembly). Cases are named <c>gaussian-blur/s3/top1</c> and carry the category
/// Accuracy, Consistency, Attribution, Segmentation (or Suite for <c>run</c>).
/// </summary>
/// <example>
/// <code>
/// [TestFixture]
/// public sealed class MyModelSuite
/// {
///     [RobustnessCases("robustness/thresholds.json")]
///     public void Robustness(RobustnessCase robustnessCase) => robustnessCase.Verify();
/// }
/// </code>
/// </example>
/// <remarks>Discovery only plans (loads the plugins and reads the model's task); the suite runs once, when the first case
/// executes. A threshold file, suite or model that cannot be read gives one case that is not runnable, with the reason.</remarks>
/// <param name="thresholdsFile">The threshold file: absolute, or relative to the test assembly's folder or a folder above it
/// (or the current directory).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RobustnessCasesAttribute(string thresholdsFile) : NUnitAttribute, ITestBuilder, IImplyFixture
{
    /// <summary>The threshold file as written.</summary>
    public string ThresholdsFile { get; } = thresholdsFile;

    /// <inheritdoc />
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, Test? suite)
    {
        var builder = new NUnitTestCaseBuilder();
        var parameters = new List<TestCaseParameters>();
        try
        {
            var file = ThresholdFiles.Resolve(ThresholdsFile);
            var run = new TestCaseData(new RobustnessCase(file, null)).SetName(RobustnessCase.RunCaseName).SetCategory(RegressionCategories.Suite);
            parameters.Add(run);
            foreach (var c in SuiteRunCache.Plan(file))
                parameters.Add(new TestCaseData(new RobustnessCase(file, c)).SetName(c.Name).SetCategory(c.Category));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failed = new TestCaseParameters(new object?[] { null }) { TestName = $"{RobustnessCase.RunCaseName}" };
            failed.RunState = RunState.NotRunnable;
            failed.Properties.Set(PropertyNames.SkipReason, $"the suite of '{ThresholdsFile}' cannot be planned: {e.GetType().Name}: {e.Message}");
            parameters.Clear();
            parameters.Add(failed);
        }
        return parameters.Select(p => builder.BuildTestMethod(method, suite, p)).ToArray();
    }
}
