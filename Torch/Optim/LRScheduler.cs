namespace AdvCam.Torch.Optim;

/// <summary>
/// Sets an optimizer's learning rate from the number of <see cref="step"/> calls (usually one per epoch), as a closed
/// form of that count, so a resumed run can jump straight to its epoch with <see cref="set_epoch"/>.
/// </summary>
public abstract class LRScheduler
{
    /// <summary>Creates the schedule and applies its value at epoch 0.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        BaseLr = optimizer.initial_lr;
    }

    /// <summary>The optimizer whose learning rate is set.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning rate at epoch 0.</summary>
    public double BaseLr { get; }

    /// <summary>Steps taken so far.</summary>
    public int last_epoch { get; private set; }

    /// <summary>The learning rate at <paramref name="epoch"/>.</summary>
    public abstract double LrAt(int epoch);

    /// <summary>Advances one epoch and sets the optimizer's learning rate.</summary>
    public void step() => set_epoch(last_epoch + 1);

    /// <summary>Jumps to <paramref name="epoch"/> (for resuming) and sets the optimizer's learning rate.</summary>
    public void set_epoch(int epoch)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epoch must be >= 0");
        last_epoch = epoch;
        Optimizer.lr = LrAt(epoch);
    }
}
