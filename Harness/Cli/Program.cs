using System.CommandLine;
using AdvCam.Cli;
using AdvCam.Cli.Commands;
using AdvCam.Torch;

var root = new RootCommand("AdvCam: robustness tests for vision models on libtorch");
root.Options.Add(CommonOptions.Device);
root.Options.Add(CommonOptions.Threads);
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(FinetuneCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(PluginsCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(BaselineCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(ExportVocCommand.Create());

try
{
    var parse = root.Parse(args);
    if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        throw new UserError(parse.Errors[0].Message);
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserError e)
{
    Console.Error.WriteLine($"advcam: {e.Message}");
    return 2;
}
catch (TorchException e)
{
    Console.Error.WriteLine($"advcam: {e.Message}");
    return 1;
}
catch (DllNotFoundException e)
{
    Console.Error.WriteLine($"advcam: {e.Message}");
    return 1;
}
