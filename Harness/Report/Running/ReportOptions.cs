using AdvCam.Core.Plugins;
using AdvCam.Torch;

namespace AdvCam.Report.Running;

/// <summary>What <see cref="ReportRunner"/> runs: the model(s), the test subset, the plugins' folders, the device.</summary>
public sealed record ReportOptions
{
    /// <summary>The model to test (a shipped name or a model file or folder); null for the shipped models:
    /// <c>fashion-mnist</c> for the perturbations and defences, <c>fashion-scenes</c> for attributions and segmenters.</summary>
    public string? Model { get; init; }

    /// <summary>Without <see cref="Model"/>: also measure each fine-tuned version of <c>fashion-mnist</c> in the shipped models
    /// folder (found by its card, <see cref="FineTunedModel.FindIn"/>) under the image and model perturbations, on the same test
    /// subset, and compare it with the original; false for the original alone (<c>--no-finetuned</c>).</summary>
    public bool FineTuned { get; init; } = true;

    /// <summary>Run on the first N test items of every suite; null for the defaults (<see cref="ReportSizes"/>) or, with
    /// <see cref="Full"/>, the whole splits.</summary>
    public int? TestSubset { get; init; }

    /// <summary>Run on the whole test splits (ignored when <see cref="TestSubset"/> is set).</summary>
    public bool Full { get; init; }

    /// <summary>Where plugins are loaded from.</summary>
    public required PluginSearchPath SearchPath { get; init; }

    /// <summary>Where the models and images go.</summary>
    public Device Device { get; init; } = Device.Cpu;

    /// <summary>The suites' seed.</summary>
    public long Seed { get; init; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = Core.Running.SuiteSpec.DefaultBatchSize;

    /// <summary>Names of plugins not to run (compared ignoring case); empty to run every plugin found.</summary>
    public IReadOnlyCollection<string> ExcludedPlugins { get; init; } = [];

    /// <summary>Threshold files (<c>docs/suites.md</c>) to judge on the report's measurements, each on the report's suite that
    /// runs its model; a file whose model the report does not run is refused.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>Also judge the <c>thresholds.json</c> beside each model the report runs (when it exists and names that
    /// model), unless <see cref="Thresholds"/> already gives one for the model.</summary>
    public bool ThresholdsBesideModels { get; init; } = true;

    /// <summary>Sample scenes drawn with each attribution's maps (0: none); each costs the attribution one more run on a scene.</summary>
    public int OverlayScenes { get; init; } = 1;
}
