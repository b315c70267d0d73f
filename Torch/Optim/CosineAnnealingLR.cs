namespace AdvCam.Torch.Optim;

/// <summary>lr = eta_min + (base - eta_min) (1 + cos(pi * epoch / T_max)) / 2, held at eta_min after T_max (closed form of torch's CosineAnnealingLR).</summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    private readonly int tMax;
    private readonly double etaMin;

    /// <summary>Creates the schedule.</summary>
    public CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0)
        : base(optimizer)
    {
        if (T_max < 1) throw new ArgumentOutOfRangeException(nameof(T_max), T_max, "T_max must be >= 1");
        tMax = T_max;
        etaMin = eta_min;
    }

    /// <inheritdoc />
    public override double LrAt(int epoch) =>
        epoch >= tMax ? etaMin : etaMin + (BaseLr - etaMin) * (1 + Math.Cos(Math.PI * epoch / tMax)) / 2;
}
