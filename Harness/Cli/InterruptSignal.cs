using System.Runtime.InteropServices;

namespace AdvCam.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM into a cancelled <see cref="Token"/> instead of killing the process, so a
/// long command can stop at a safe point and keep what it finished. A second signal is left to its default action
/// (the process ends at once).
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    /// <summary>The conventional exit code of a command stopped by SIGINT (128 + 2).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public InterruptSignal()
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => source.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in registrations) r.Dispose();
        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (source.IsCancellationRequested) return;
        context.Cancel = true;
        Console.Error.WriteLine();
        Console.Error.WriteLine($"{context.Signal}: stopping at the next batch (send it again to stop at once)");
        source.Cancel();
    }
}
