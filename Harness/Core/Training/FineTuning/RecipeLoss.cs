using AdvCam.Abstractions;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Running;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Training.FineTuning;

/// <summary>
/// The <see cref="ITrainingLoss"/> of a fine-tuning run: hands each step to an <see cref="IFineTuningRecipe"/> with the
/// model wrapped in a <see cref="NormalizedClassifier"/> (the recipe sees images in [0, 1], as plugins do), a step seed
/// from (run seed, epoch, batch), and a way to put the model in eval mode for a while.
/// </summary>
/// <param name="recipe">The recipe.</param>
/// <param name="normalize">The task's normalisation, applied inside the model the recipe sees.</param>
/// <param name="seed">The run's seed.</param>
public sealed class RecipeLoss(IFineTuningRecipe recipe, Normalize normalize, int seed) : ITrainingLoss
{
    /// <summary>The recipe.</summary>
    public IFineTuningRecipe Recipe { get; } = recipe ?? throw new ArgumentNullException(nameof(recipe));

    /// <summary>The seed the recipe gets for batch <paramref name="batch"/> of <paramref name="epoch"/>.</summary>
    public long StepSeed(int epoch, int batch) => ((long)seed << 32) ^ LoaderSeeds.Batch(seed, epoch, batch);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The model is not an <see cref="ICamClassifier"/>.</exception>
    public Tensor Loss(Module<Tensor, Tensor> model, Tensor images, Tensor targets, int epoch, int batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var classifier = model as ICamClassifier
            ?? throw new ArgumentException($"fine-tuning recipes need a CAM classifier; got a {model.GetType().Name}", nameof(model));
        var wrapped = new NormalizedClassifier(classifier, normalize.Mean, normalize.Std);
        return Recipe.Loss(new FineTuningStep(wrapped, images, targets, StepSeed(epoch, batch), () => new EvalMode(model)));
    }

    /// <summary>Puts every module of a model in eval mode; disposing restores each module's own mode.</summary>
    private sealed class EvalMode : IDisposable
    {
        private readonly List<(Module Module, bool Training)> modes;

        public EvalMode(Module model)
        {
            modes = model.named_modules().Select(m => (m.module, m.module.training)).ToList();
            model.eval();
        }

        public void Dispose()
        {
            // named_modules is pre-order and train() is recursive, so a parent's call is overridden by its children's.
            foreach (var (module, training) in modes) module.train(training);
        }
    }
}
