namespace AdvCam.Torch.Optim;

/// <summary>lr = base * (1 - epoch / total)^power, 0 after total (the "poly" schedule of DeepLab and AdvCAM's segmenters).</summary>
public sealed class PolyLR : LRScheduler
{
    private readonly int total;
    private readonly double power;

    /// <summary>Creates the schedule.</summary>
    public PolyLR(Optimizer optimizer, int total_iters, double power = 0.9)
        : base(optimizer)
    {
        if (total_iters < 1) throw new ArgumentOutOfRangeException(nameof(total_iters), total_iters, "total_iters must be >= 1");
        total = total_iters;
        this.power = power;
    }

    /// <inheritdoc />
    public override double LrAt(int epoch) => epoch >= total ? 0 : BaseLr * Math.Pow(1 - (double)epoch / total, power);
}
