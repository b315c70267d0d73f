using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

/// <summary>Records every progress report synchronously (unlike <see cref="Progress{T}"/>), and can cancel on one.</summary>
internal sealed class CountingProgress(Func<SuiteProgress, bool>? cancelWhen = null) : IProgress<SuiteProgress>
{
    private readonly CancellationTokenSource source = new();

    public List<SuiteProgress> Reports { get; } = [];

    public CancellationToken Token => source.Token;

    public void Report(SuiteProgress value)
    {
        Reports.Add(value);
        if (cancelWhen?.Invoke(value) == true) source.Cancel();
    }
}
