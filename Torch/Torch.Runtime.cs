using System.Runtime.InteropServices;
using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public static partial class torch
{
    /// <summary>libtorch's version, e.g. <c>1.13.0a0</c>.</summary>
    public static string version => Marshal.PtrToStringUTF8(NativeMethods.advt_version()) ?? "unknown";

    /// <summary>libtorch's build configuration (compiler, BLAS, oneDNN, CUDA, ...).</summary>
    public static string config => Marshal.PtrToStringUTF8(NativeMethods.advt_config()) ?? string.Empty;

    /// <summary>Intra-op thread count. AdvCam sets it to the core count at start-up (ADVCAM_THREADS overrides).</summary>
    public static int get_num_threads() => NativeMethods.advt_get_num_threads();

    /// <summary>Sets the intra-op thread count.</summary>
    public static void set_num_threads(int threads) => Tensor.Check(NativeMethods.advt_set_num_threads(threads), "set_num_threads");

    /// <summary>Deterministic algorithm choice (cuDNN, cuBLAS); off by default.</summary>
    public static void use_deterministic_algorithms(bool on) => Tensor.Check(NativeMethods.advt_set_deterministic(on ? 1 : 0), "use_deterministic_algorithms");

    /// <summary>torch.cuda: availability, device count, synchronisation.</summary>
    public static class cuda
    {
        /// <summary>Whether this libtorch was built with CUDA and a GPU is visible.</summary>
        public static bool is_available() => NativeMethods.advt_cuda_is_available() == 1;

        /// <summary>Number of visible CUDA devices (0 on a CPU-only libtorch).</summary>
        public static int device_count()
        {
            var n = NativeMethods.advt_cuda_device_count();
            Tensor.Check(n, "cuda.device_count");
            return n;
        }

        /// <summary>Waits for all work on the device to finish (for timing).</summary>
        public static void synchronize(int device = -1) => Tensor.Check(NativeMethods.advt_cuda_synchronize(device), "cuda.synchronize");

        /// <summary>
        /// Whether float32 convolutions (cuDNN) and matrix products (cuBLAS) may use TF32 on Ampere and newer GPUs:
        /// faster, with inputs rounded to a 10-bit mantissa (about 1e-3 relative). libtorch's default is on for
        /// convolutions and off for matrix products; setting it sets both. AdvCam applies <c>ADVCAM_TF32</c>
        /// (<c>0</c> or <c>1</c>) at start-up. No effect on the CPU.
        /// </summary>
        public static bool allow_tf32
        {
            get
            {
                var on = NativeMethods.advt_get_allow_tf32_cudnn();
                Tensor.Check(on, "cuda.allow_tf32");
                return on == 1;
            }
            set => Tensor.Check(NativeMethods.advt_set_allow_tf32(value ? 1 : 0), "cuda.allow_tf32");
        }
    }
}
