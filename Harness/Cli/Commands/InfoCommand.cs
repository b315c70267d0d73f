using System.CommandLine;
using System.Runtime.InteropServices;
using AdvCam.Torch;

namespace AdvCam.Cli.Commands;

/// <summary><c>advcam info</c>: the engine and the machine it runs on.</summary>
internal static class InfoCommand
{
    internal static Command Create()
    {
        var command = new Command("info", "Print libtorch's version, the devices and the thread count");
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"AdvCam        {typeof(InfoCommand).Assembly.GetName().Version}");
            output.WriteLine($"libtorch      {torch.version}");
            output.WriteLine($"threads       {torch.get_num_threads()} intra-op (cores: {Environment.ProcessorCount})");
            output.WriteLine($"cuda          {(torch.cuda.is_available() ? $"available, {torch.cuda.device_count()} device(s), TF32 convolutions {(torch.cuda.allow_tf32 ? "on" : "off")} (ADVCAM_TF32)" : "not available")}");
            output.WriteLine($"device        {device}");
            output.WriteLine($".NET          {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})");
            using (torch.NewDisposeScope())
            {
                // A real computation on the chosen device proves the engine works end to end.
                var x = torch.arange(1, 5, dtype: ScalarType.Float32, device: device);
                output.WriteLine($"self-check    sum(1..4) = {x.sum().item<float>()} on {x.device}");
            }
            return 0;
        });
        return command;
    }
}
