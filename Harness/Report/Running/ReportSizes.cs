namespace AdvCam.Report.Running;

/// <summary>
/// The default test subsets of <c>advcam report</c>, chosen so that the whole default report (every built-in plugin)
/// finishes within 5 minutes on a 2-core CPU (measured in docs/report.md); <c>--full</c> runs the whole splits.
/// </summary>
public static class ReportSizes
{
    /// <summary>Fashion-MNIST test images for the perturbation suite (of 10,000).</summary>
    public const int FashionMnist = 1000;

    /// <summary>FashionScenes test scenes for the attribution suite (of 1,000): few, because AdvCAM with its official defaults
    /// (27 steps, 4 scales, flips, per present class) costs seconds per scene on a CPU.</summary>
    public const int FashionScenes = 16;

    /// <summary>Test items of another task's model when no size is given.</summary>
    public const int Other = 1000;

    /// <summary>The default subset for a model of <paramref name="task"/>.</summary>
    /// <param name="task">The model's task.</param>
    public static int For(string task) => task switch
    {
        "fashion-mnist" => FashionMnist,
        "fashion-scenes" => FashionScenes,
        _ => Other,
    };
}
