using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public static partial class torch
{
    /// <summary>Opens a <see cref="DisposeScope"/> on this thread; dispose it to free every tensor created inside.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Turns autograd recording off on this thread until disposed (restores the previous mode).</summary>
    public static GradModeScope no_grad() => new(false);

    /// <summary>Turns autograd recording on on this thread until disposed (restores the previous mode).</summary>
    public static GradModeScope enable_grad() => new(true);

    /// <summary>Whether autograd records operations on this thread.</summary>
    public static bool is_grad_enabled() => NativeMethods.advt_is_grad_enabled() == 1;

    /// <summary>torch.autograd: gradients of chosen outputs with respect to chosen inputs.</summary>
    public static class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="outputs"/> (weighted by <paramref name="grad_outputs"/>; may be omitted for
        /// scalar outputs) with respect to <paramref name="inputs"/>, without touching any <c>.grad</c>.
        /// Entries are null for inputs that the outputs do not depend on when <paramref name="allow_unused"/>.
        /// </summary>
        public static unsafe Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor?>? grad_outputs = null, bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
        {
            var outs = Handles(outputs);
            var ins = Handles(inputs);
            var gouts = new IntPtr[outs.Length];
            if (grad_outputs is not null)
            {
                if (grad_outputs.Count != outs.Length)
                    throw new ArgumentException($"got {grad_outputs.Count} grad_outputs for {outs.Length} outputs", nameof(grad_outputs));
                for (var i = 0; i < gouts.Length; i++) gouts[i] = grad_outputs[i]?.Handle ?? IntPtr.Zero;
            }
            var results = new IntPtr[ins.Length];
            fixed (IntPtr* o = outs)
            fixed (IntPtr* g = gouts)
            fixed (IntPtr* i = ins)
            fixed (IntPtr* r = results)
                Tensor.Check(NativeMethods.advt_autograd_grad(o, outs.Length, g, i, ins.Length, retain_graph || create_graph ? 1 : 0,
                    create_graph ? 1 : 0, allow_unused ? 1 : 0, r), "autograd.grad");
            var grads = new Tensor?[results.Length];
            for (var k = 0; k < results.Length; k++) grads[k] = results[k] == IntPtr.Zero ? null : new Tensor(results[k]);
            return grads;
        }

        /// <summary>The gradient of a scalar <paramref name="output"/> with respect to <paramref name="input"/>.</summary>
        public static Tensor grad(Tensor output, Tensor input, bool retain_graph = false, bool create_graph = false) =>
            grad(new[] { output }, new[] { input }, null, retain_graph, create_graph)[0]
            ?? throw new InvalidOperationException("the output does not depend on the input");
    }
}

/// <summary>Restores the previous autograd mode when disposed (see <see cref="torch.no_grad"/>).</summary>
public readonly struct GradModeScope : IDisposable
{
    private readonly bool previous;

    internal GradModeScope(bool enabled)
    {
        previous = NativeMethods.advt_is_grad_enabled() == 1;
        NativeMethods.advt_set_grad_enabled(enabled ? 1 : 0);
    }

    /// <inheritdoc />
    public void Dispose() => NativeMethods.advt_set_grad_enabled(previous ? 1 : 0);
}
