namespace AdvCam.Core.Training;

/// <summary>What a training run is doing, as reported to an <see cref="IProgress{T}"/>.</summary>
public enum TrainPhase
{
    /// <summary>A training batch finished.</summary>
    Batch,

    /// <summary>An epoch finished and its checkpoint was written.</summary>
    EpochDone,

    /// <summary>The final evaluation on the test set finished.</summary>
    Evaluated,
}

/// <summary>One progress report of a <see cref="Trainer"/>.</summary>
/// <param name="Phase">What just finished.</param>
/// <param name="Epoch">The epoch, 1-based.</param>
/// <param name="Epochs">Epochs of the whole run.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean training loss of this epoch so far.</param>
/// <param name="ImagesPerSecond">Training images per second in this epoch so far.</param>
/// <param name="Eta">Estimated time to the end of training (this process's rate), or null before the first batch.</param>
/// <param name="Metric">The test metric (top-1, mAP or mIoU) for <see cref="TrainPhase.Evaluated"/>, and for
/// <see cref="TrainPhase.EpochDone"/> when each epoch is evaluated; else null.</param>
public sealed record TrainProgress(TrainPhase Phase, int Epoch, int Epochs, int Batch, int Batches, double Loss,
    double ImagesPerSecond, TimeSpan? Eta, double? Metric = null);

/// <summary>Loss and speed of one finished epoch.</summary>
/// <param name="Epoch">The epoch, 1-based.</param>
/// <param name="Loss">Mean training loss over its images.</param>
/// <param name="ImagesPerSecond">Training images per second (forward, backward, step and loading).</param>
/// <param name="Seconds">Wall-clock seconds of the epoch.</param>
/// <param name="Lr">The learning rate used in the epoch.</param>
/// <param name="TestMetric">The test metric after the epoch (top-1, mAP or mIoU), or null when it was not evaluated.</param>
public sealed record EpochStats(int Epoch, double Loss, double ImagesPerSecond, double Seconds, double Lr, double? TestMetric = null);
