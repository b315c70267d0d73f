namespace AdvCam.Cli.Tests.Commands;

public class InfoCommandTests
{
    [Test]
    public void Prints_libtorch_version_threads_and_a_working_computation()
    {
        var r = AdvcamProcess.Run("info");
        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().MatchRegex(@"libtorch\s+\d+\.\d+");
        r.Output.Should().Contain($"threads       {Environment.ProcessorCount} intra-op");
        r.Output.Should().Contain("sum(1..4) = 10 on cpu");
    }

    [Test]
    public void Threads_option_and_environment_variable_set_the_thread_count()
    {
        AdvcamProcess.Run("info", "--threads", "1").Output.Should().Contain("threads       1 intra-op");
        AdvcamProcess.Run(new Dictionary<string, string> { ["ADVCAM_THREADS"] = "1" }, "info").Output.Should().Contain("threads       1 intra-op");
    }

    [Test]
    public void A_user_mistake_is_one_line_and_exit_code_2()
    {
        var r = AdvcamProcess.Run("info", "--device", "tpu");
        r.ExitCode.Should().Be(2);
        r.Error.Trim().Should().Be("advcam: unknown device 'tpu': expected cpu, cuda, cuda:N or auto");
    }

    [Test]
    public void Asking_for_cuda_without_cuda_fails_clearly_instead_of_falling_back()
    {
        var probe = AdvcamProcess.Run("info");
        Assume.That(probe.Output, Does.Contain("cuda          not available"), "this machine has CUDA");
        var r = AdvcamProcess.Run("info", "--device", "cuda");
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("device cuda was asked for").And.NotContain("   at ");
    }
}
