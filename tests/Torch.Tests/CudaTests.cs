using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests;

/// <summary>
/// The binding on a CUDA device: the same operations as on the CPU, compared with the CPU's results. Ignored where
/// CUDA is not available (scripts/gpu/run.sh runs them on a GPU machine).
/// </summary>
public class CudaTests
{
    /// <summary>float32 on two devices with TF32 off: the same arithmetic in another summation order.</summary>
    private const double DeviceFloat32 = 1e-4;

    private static void RequireCuda() => Assume.That(torch.cuda.is_available(), "no CUDA device");

    [Test]
    public void The_tf32_switch_reads_back_what_was_set()
    {
        var before = torch.cuda.allow_tf32;
        try
        {
            torch.cuda.allow_tf32 = false;
            torch.cuda.allow_tf32.Should().BeFalse();
            torch.cuda.allow_tf32 = true;
            torch.cuda.allow_tf32.Should().BeTrue();
        }
        finally
        {
            torch.cuda.allow_tf32 = before;
        }
    }

    [Test]
    public void A_tensor_goes_to_the_gpu_and_back_unchanged()
    {
        RequireCuda();
        using var scope = torch.NewDisposeScope();
        var cpu = torch.randn([3, 5, 7], generator: new Generator(1));
        var cuda = cpu.to(Device.Cuda);
        cuda.device.IsCuda.Should().BeTrue();
        cuda.to(Device.Cpu).equal(cpu).Should().BeTrue();
    }

    /// <summary>Asserts that <paramref name="cuda"/> (copied to the CPU) is within <see cref="DeviceFloat32"/> of
    /// <paramref name="cpu"/>, relative to the CPU result's largest magnitude.</summary>
    private static void ShouldMatch(Tensor cuda, Tensor cpu, string what) =>
        (cuda.to(Device.Cpu) - cpu).abs().max().item<float>().Should().BeLessThan((float)(DeviceFloat32 * cpu.abs().max().item<float>()), what);

    /// <summary>Runs <paramref name="body"/> with TF32 off, then restores the setting.</summary>
    private static void WithoutTf32(Action body)
    {
        var before = torch.cuda.allow_tf32;
        torch.cuda.allow_tf32 = false;
        try
        {
            body();
        }
        finally
        {
            torch.cuda.allow_tf32 = before;
        }
    }

    [Test]
    public void Convolution_and_its_gradients_on_cuda_equal_the_cpu_with_tf32_off()
    {
        RequireCuda();
        WithoutTf32(() =>
        {
            using var scope = torch.NewDisposeScope();
            var g = new Generator(2);
            var x = torch.randn([4, 16, 20, 20], generator: g);
            var w = torch.randn([32, 16, 3, 3], generator: g) * 0.1;
            (Tensor y, Tensor gx, Tensor gw) Run(Device device)
            {
                var xi = x.to(device).detach().requires_grad_();
                var wi = w.to(device).detach().requires_grad_();
                var y = F.conv2d(xi, wi, padding: [1, 1]);
                (y * y).sum().backward();
                return (y.to(Device.Cpu), xi.grad!.to(Device.Cpu), wi.grad!.to(Device.Cpu));
            }
            var cpu = Run(Device.Cpu);
            var cuda = Run(Device.Cuda);
            ShouldMatch(cuda.y, cpu.y, "the convolution");
            ShouldMatch(cuda.gx, cpu.gx, "the input gradient");
            ShouldMatch(cuda.gw, cpu.gw, "the weight gradient");
        });
    }

    [Test]
    public void Matmul_reduction_and_fft_on_cuda_equal_the_cpu()
    {
        RequireCuda();
        WithoutTf32(() =>
        {
            using var scope = torch.NewDisposeScope();
            var g = new Generator(3);
            var a = torch.randn([64, 128], generator: g);
            var b = torch.randn([128, 32], generator: g);
            ShouldMatch(a.to(Device.Cuda).matmul(b.to(Device.Cuda)), a.matmul(b), "matmul");
            a.to(Device.Cuda).sum().item<float>().Should().BeApproximately(a.sum().item<float>(), (float)(DeviceFloat32 * a.abs().sum().item<float>()));
            ShouldMatch(torch.fft.rfft2(a.to(Device.Cuda)).abs(), torch.fft.rfft2(a).abs(), "rfft2");
        });
    }

    [Test]
    public void An_operation_on_tensors_of_two_devices_is_a_clear_error_not_a_crash()
    {
        RequireCuda();
        using var scope = torch.NewDisposeScope();
        var a = torch.ones(3);
        var b = torch.ones(3).to(Device.Cuda);
        var act = () => a.add(b);
        act.Should().Throw<TorchException>().WithMessage("*device*");
    }
}
