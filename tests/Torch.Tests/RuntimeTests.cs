namespace AdvCam.Torch.Tests;

public class RuntimeTests
{
    [Test]
    public void A_thread_count_set_by_the_user_survives_the_first_use_of_other_ops()
    {
        var before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            using (var scope = torch.NewDisposeScope())
            {
                // Each first call of an export binds a new P/Invoke; the library's start-up settings must not run again.
                var x = torch.eye(3).triu().tril(1);
                torch.einsum("ij,jk->ik", x, x).cumsum(0).norm().item<float>();
            }
            torch.get_num_threads().Should().Be(1);
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Test]
    public void Invalid_thread_count_is_refused()
    {
        var act = () => torch.set_num_threads(0);
        act.Should().Throw<TorchException>().WithMessage("set_num_threads: *at least 1*");
    }

    [TestCase("cpu", DeviceType.Cpu, -1)]
    [TestCase("CUDA", DeviceType.Cuda, -1)]
    [TestCase("cuda:1", DeviceType.Cuda, 1)]
    public void Device_parses_the_usual_names(string text, DeviceType type, int index) =>
        Device.Parse(text).Should().Be(new Device(type, index));

    [TestCase("gpu")]
    [TestCase("cuda:-1")]
    [TestCase("cuda:x")]
    public void Device_refuses_unknown_names(string text)
    {
        var act = () => Device.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"unknown device '{text}'*");
    }

    [Test]
    public void Asking_for_cuda_where_there_is_none_is_an_error_not_a_fallback()
    {
        Assume.That(torch.cuda.is_available(), Is.False, "CUDA is available here");
        var act = () => Device.Cuda.EnsureAvailable();
        act.Should().Throw<InvalidOperationException>().WithMessage("*cuda*");
        torch.cuda.device_count().Should().Be(0);
    }

    [Test]
    public void A_cuda_device_index_beyond_the_visible_devices_is_an_error()
    {
        Assume.That(torch.cuda.is_available(), Is.True, "no CUDA device");
        var act = () => new Device(DeviceType.Cuda, torch.cuda.device_count()).EnsureAvailable();
        act.Should().Throw<InvalidOperationException>().WithMessage("device cuda:* was asked for, but only * CUDA device(s) are visible");
        new Device(DeviceType.Cuda, 0).EnsureAvailable().Should().Be(new Device(DeviceType.Cuda, 0));
    }

    [Test]
    public void Libtorch_s_cuda_library_is_loaded_exactly_when_this_libtorch_has_one()
    {
        // Independent of the shim: the libraries this process has mapped, as the kernel lists them.
        torch.get_num_threads();
        var mapped = File.ReadAllLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6).Select(f => f[5]).Distinct().ToArray();
        var torchCpu = mapped.FirstOrDefault(p => Path.GetFileName(p).StartsWith("libtorch_cpu.so", StringComparison.Ordinal));
        torchCpu.Should().NotBeNull("the shim has loaded libtorch");
        var hasCudaLibrary = File.Exists(Path.Combine(Path.GetDirectoryName(torchCpu)!, "libtorch_cuda.so"));

        Interop.NativeMethods.advt_cuda_load_error().Should().Be(IntPtr.Zero, "no CUDA library failed to load");
        mapped.Any(p => Path.GetFileName(p).StartsWith("libtorch_cuda.so", StringComparison.Ordinal)).Should().Be(hasCudaLibrary,
            $"libtorch_cuda.so {(hasCudaLibrary ? "is" : "is not")} beside {torchCpu}, and the shim loads it before anything asks about CUDA");
        if (!hasCudaLibrary) torch.cuda.is_available().Should().BeFalse();
    }

    [Test]
    public void Version_is_libtorch_s()
    {
        torch.version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }
}
