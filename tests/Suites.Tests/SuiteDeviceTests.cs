using AdvCam.Torch;

namespace AdvCam.Suites.Tests;

public sealed class SuiteDeviceTests
{
    [Test]
    public void Unset_or_cpu_is_the_cpu()
    {
        SuiteDevice.Parse(null).Should().Be(Device.Cpu);
        SuiteDevice.Parse(" ").Should().Be(Device.Cpu);
        SuiteDevice.Parse("cpu").Should().Be(Device.Cpu);
    }

    [Test]
    public void A_value_that_is_no_device_names_the_variable()
    {
        var act = () => SuiteDevice.Parse("gpu");
        act.Should().Throw<InvalidOperationException>().WithMessage("ADVCAM_DEVICE='gpu': unknown device 'gpu'*");
    }

    [Test]
    public void Cuda_without_cuda_is_a_clear_error()
    {
        Assume.That(torch.cuda.is_available(), Is.False, "this machine has CUDA");
        var act = () => SuiteDevice.Parse("cuda");
        act.Should().Throw<InvalidOperationException>().WithMessage("ADVCAM_DEVICE='cuda': device cuda was asked for, but this libtorch has no CUDA or no GPU is visible*");
    }

    [Test]
    public void Cuda_is_used_where_it_is_available()
    {
        Assume.That(torch.cuda.is_available(), Is.True, "this machine has no CUDA");
        SuiteDevice.Parse("cuda").IsCuda.Should().BeTrue();
    }
}
