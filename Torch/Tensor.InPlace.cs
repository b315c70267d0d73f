using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public partial class Tensor
{
    /// <summary>self += alpha * other, in place; returns this.</summary>
    public Tensor add_(Tensor other, double alpha = 1)
    {
        Check(NativeMethods.advt_add_(Handle, other.Handle, alpha), "add_");
        return this;
    }

    /// <summary>self += value, in place.</summary>
    public Tensor add_(double value)
    {
        Check(NativeMethods.advt_add_scalar_(Handle, value), "add_");
        return this;
    }

    /// <summary>self *= other, in place.</summary>
    public Tensor mul_(Tensor other)
    {
        Check(NativeMethods.advt_mul_(Handle, other.Handle), "mul_");
        return this;
    }

    /// <summary>self *= value, in place.</summary>
    public Tensor mul_(double value)
    {
        Check(NativeMethods.advt_mul_scalar_(Handle, value), "mul_");
        return this;
    }

    /// <summary>Copies <paramref name="src"/> (broadcast, converted) into this tensor.</summary>
    public Tensor copy_(Tensor src)
    {
        Check(NativeMethods.advt_copy_(Handle, src.Handle), "copy_");
        return this;
    }

    /// <summary>Sets every element to zero.</summary>
    public Tensor zero_()
    {
        Check(NativeMethods.advt_zero_(Handle), "zero_");
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor fill_(double value)
    {
        Check(NativeMethods.advt_fill_(Handle, value), "fill_");
        return this;
    }

    /// <summary>Clamps into [min, max] in place.</summary>
    public Tensor clamp_(double min, double max)
    {
        Check(NativeMethods.advt_clamp_(Handle, min, max), "clamp_");
        return this;
    }

    /// <summary>Fills with uniform samples from [low, high), drawn from <paramref name="generator"/> or the default one.</summary>
    public Tensor uniform_(double low = 0, double high = 1, Generator? generator = null)
    {
        Check(NativeMethods.advt_uniform_gen_(Handle, low, high, generator?.Handle ?? IntPtr.Zero), "uniform_");
        return this;
    }

    /// <summary>Fills with normal samples, drawn from <paramref name="generator"/> or the default one.</summary>
    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        Check(NativeMethods.advt_normal_gen_(Handle, mean, std, generator?.Handle ?? IntPtr.Zero), "normal_");
        return this;
    }
}
