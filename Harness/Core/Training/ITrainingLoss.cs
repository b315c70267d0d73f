using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Training;

/// <summary>
/// A loss that replaces <see cref="Trainer"/>'s objective loss for every training step (<see cref="TrainerOptions.Loss"/>):
/// fine-tuning recipes that blur or perturb what the model sees.
/// </summary>
public interface ITrainingLoss
{
    /// <summary>The loss of one training batch: a scalar in the autograd graph of the model's trainable parameters.</summary>
    /// <param name="model">The model being trained (trainable parts in train mode, frozen ones in eval mode).</param>
    /// <param name="images">The batch's images as the loader gives them, on the training device.</param>
    /// <param name="targets">The batch's targets, on the training device.</param>
    /// <param name="epoch">The epoch (0-based).</param>
    /// <param name="batch">The batch's index in the epoch (0-based).</param>
    /// <returns>A scalar tensor the caller owns.</returns>
    Tensor Loss(Module<Tensor, Tensor> model, Tensor images, Tensor targets, int epoch, int batch);
}
