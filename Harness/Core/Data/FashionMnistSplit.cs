namespace AdvCam.Core.Data;

/// <summary>The two halves of Fashion-MNIST, as its files name them.</summary>
public enum FashionMnistSplit
{
    /// <summary>The 60000 training items (<c>train-*-ubyte.gz</c>).</summary>
    Train = 0,

    /// <summary>The 10000 test items (<c>t10k-*-ubyte.gz</c>).</summary>
    Test = 1,
}
