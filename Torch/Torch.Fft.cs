using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public static partial class torch
{
    /// <summary>torch.fft: discrete Fourier transforms of real signals (libtorch's pocketfft or MKL on the CPU, cuFFT
    /// on a GPU). The spectra are complex tensors (<see cref="ScalarType.ComplexFloat"/> for float32 input) that the
    /// elementwise operators take as they are; they cannot be read back with <c>ToArray</c>.</summary>
    public static class fft
    {
        /// <summary>The transform of the real tensor <paramref name="input"/> over <paramref name="dim"/>, the last of
        /// them halved to <c>n / 2 + 1</c> complex values (<c>torch.fft.rfftn</c>).</summary>
        /// <param name="input">A real floating-point tensor.</param>
        /// <param name="s">The signal size per dimension of <paramref name="dim"/> (each input dimension is cropped or
        /// zero-padded to it), or null for the input's sizes.</param>
        /// <param name="dim">The dimensions to transform (negative counts from the end); null: all, or the last
        /// <c>s.Length</c> when <paramref name="s"/> is given.</param>
        /// <param name="norm">The scaling.</param>
        /// <exception cref="TorchException">The input is not real floating point, the sizes are not positive or not one
        /// per dimension, or a dimension is out of range.</exception>
        public static unsafe Tensor rfftn(Tensor input, long[]? s = null, long[]? dim = null, FftNorm norm = FftNorm.Backward)
        {
            ArgumentNullException.ThrowIfNull(input);
            var d = Dims(input, s, dim);
            fixed (long* ps = s)
            fixed (long* pd = d)
                return Tensor.Wrap(NativeMethods.advt_fft_rfftn(input.Handle, ps, s?.Length ?? 0, pd, d.Length, (int)norm), "fft.rfftn");
        }

        /// <summary>The real signal whose half spectrum over <paramref name="dim"/> is <paramref name="input"/>, the
        /// inverse of <see cref="rfftn"/> (<c>torch.fft.irfftn</c>).</summary>
        /// <param name="input">A complex tensor: a half spectrum as <see cref="rfftn"/> gives it.</param>
        /// <param name="s">The output size per dimension of <paramref name="dim"/> (give it: an odd last size cannot be
        /// recovered otherwise), or null for the input's sizes with the last one <c>2 (n - 1)</c>.</param>
        /// <param name="dim">The dimensions (negative counts from the end); null: all, or the last <c>s.Length</c>.</param>
        /// <param name="norm">The scaling (the same as the forward transform's).</param>
        /// <exception cref="TorchException">The input is not complex, the sizes are not positive or not one per
        /// dimension, or a dimension is out of range.</exception>
        public static unsafe Tensor irfftn(Tensor input, long[]? s = null, long[]? dim = null, FftNorm norm = FftNorm.Backward)
        {
            ArgumentNullException.ThrowIfNull(input);
            var d = Dims(input, s, dim);
            fixed (long* ps = s)
            fixed (long* pd = d)
                return Tensor.Wrap(NativeMethods.advt_fft_irfftn(input.Handle, ps, s?.Length ?? 0, pd, d.Length, (int)norm), "fft.irfftn");
        }

        /// <summary><see cref="rfftn"/> over the last two dimensions (<c>torch.fft.rfft2</c>).</summary>
        /// <param name="input">A real floating-point tensor with at least two dimensions.</param>
        /// <param name="s">The signal size (rows, columns), or null for the input's.</param>
        /// <param name="norm">The scaling.</param>
        /// <exception cref="TorchException">As <see cref="rfftn"/>.</exception>
        public static Tensor rfft2(Tensor input, long[]? s = null, FftNorm norm = FftNorm.Backward) =>
            rfftn(input, s, [-2, -1], norm);

        /// <summary><see cref="irfftn"/> over the last two dimensions (<c>torch.fft.irfft2</c>).</summary>
        /// <param name="input">A complex half spectrum with at least two dimensions.</param>
        /// <param name="s">The output size (rows, columns); give it, as an odd column count cannot be recovered
        /// otherwise.</param>
        /// <param name="norm">The scaling (the same as the forward transform's).</param>
        /// <exception cref="TorchException">As <see cref="irfftn"/>.</exception>
        public static Tensor irfft2(Tensor input, long[]? s = null, FftNorm norm = FftNorm.Backward) =>
            irfftn(input, s, [-2, -1], norm);

        private static long[] Dims(Tensor input, long[]? s, long[]? dim)
        {
            if (dim is not null) return dim;
            var count = s?.Length ?? input.dim();
            var d = new long[count];
            for (var i = 0; i < count; i++) d[i] = i - count;
            return d;
        }
    }
}
