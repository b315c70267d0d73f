using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Core.Running;

/// <summary>What every plugin of one suite run shares: the model, the data, the clean reference, the seed, progress and cancellation.</summary>
/// <param name="Model">The model under test.</param>
/// <param name="Classifier">The model on [0, 1] images, as plugins get it.</param>
/// <param name="Data">The test data.</param>
/// <param name="Device">The device images are moved to.</param>
/// <param name="Clean">The model on the clean data.</param>
/// <param name="ImageSize">Image height in pixels (what perturbations' severities are asked for).</param>
/// <param name="Seed">The suite's seed.</param>
/// <param name="PluginCount">How many plugins the suite runs.</param>
/// <param name="Progress">Where progress goes, or null.</param>
/// <param name="Cancellation">Stops the run before the next batch.</param>
/// <param name="Host">What hosted plugins (<see cref="IHostedPlugin"/>) are attached to: the run's plugins and models.</param>
internal sealed record RunContext(
    SuiteModel Model,
    NormalizedClassifier Classifier,
    SuiteData Data,
    Device Device,
    CleanReference Clean,
    int ImageSize,
    long Seed,
    int PluginCount,
    IProgress<SuiteProgress>? Progress,
    CancellationToken Cancellation,
    IPluginHost Host);
