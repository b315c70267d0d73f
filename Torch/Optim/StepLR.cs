namespace AdvCam.Torch.Optim;

/// <summary>lr = base * gamma^floor(epoch / step_size) (torch.optim.lr_scheduler.StepLR).</summary>
public sealed class StepLR : LRScheduler
{
    private readonly int stepSize;
    private readonly double gamma;

    /// <summary>Creates the schedule.</summary>
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1)
        : base(optimizer)
    {
        if (step_size < 1) throw new ArgumentOutOfRangeException(nameof(step_size), step_size, "step_size must be >= 1");
        stepSize = step_size;
        this.gamma = gamma;
    }

    /// <inheritdoc />
    public override double LrAt(int epoch) => BaseLr * Math.Pow(gamma, epoch / stepSize);
}
