using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// A batched augmentation or preprocessing step. <see cref="DataLoader"/> applies it on the thread that builds the
/// batch, with a generator seeded from (seed, epoch, batch number) (<see cref="LoaderSeeds.Batch"/>), so its random
/// choices depend only on those, never on worker timing.
/// </summary>
public interface IBatchTransform
{
    /// <summary>
    /// The transformed batch. Every random number comes from <paramref name="generator"/>. The input is not disposed
    /// and may share tensors with the result; new tensors go to the calling thread's dispose scope, as any op's do.
    /// </summary>
    Batch Apply(Batch batch, Generator generator);
}
