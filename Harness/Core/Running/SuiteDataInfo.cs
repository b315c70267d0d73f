namespace AdvCam.Core.Running;

/// <summary>The data a suite ran on, as the results record it.</summary>
/// <param name="Task">The task whose test data it is.</param>
/// <param name="Description">What it is (source, which items).</param>
/// <param name="Items">Number of items.</param>
/// <param name="BatchSize">Images per batch.</param>
/// <param name="Channels">Image channels.</param>
/// <param name="ImageSize">Image height (= width) in pixels.</param>
/// <param name="HasMasks">Whether it has segmentation masks (attribution and segmentation plugins need them).</param>
/// <param name="Mean">The normalisation mean per channel, applied inside the model.</param>
/// <param name="Std">The normalisation standard deviation per channel.</param>
public sealed record SuiteDataInfo(string Task, string Description, int Items, int BatchSize, int Channels, int ImageSize, bool HasMasks,
    IReadOnlyList<float> Mean, IReadOnlyList<float> Std);
