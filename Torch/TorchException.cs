namespace AdvCam.Torch;

/// <summary>A libtorch operation failed: <see cref="Operation"/> names it, the message carries libtorch's text.</summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception for a failed operation.</summary>
    public TorchException(string operation, string nativeMessage)
        : base($"{operation}: {nativeMessage}")
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    /// <summary>The operation that failed (for example <c>conv2d</c>).</summary>
    public string Operation { get; }

    /// <summary>libtorch's own description of the failure.</summary>
    public string NativeMessage { get; }
}
