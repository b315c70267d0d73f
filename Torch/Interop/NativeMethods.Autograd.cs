using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for autograd.cpp and optim.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern int advt_requires_grad(IntPtr a);
    [DllImport(Lib)] internal static extern int advt_set_requires_grad(IntPtr a, int on);
    [DllImport(Lib)] internal static extern int advt_is_leaf(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_grad(IntPtr a);
    [DllImport(Lib)] internal static extern int advt_zero_grad(IntPtr a, int setToNone);
    [DllImport(Lib)] internal static extern int advt_set_grad(IntPtr a, IntPtr g);
    [DllImport(Lib)] internal static extern int advt_backward(IntPtr a, IntPtr gradient, int retainGraph, int createGraph);
    [DllImport(Lib)] internal static extern int advt_autograd_grad(IntPtr* outputs, int nOut, IntPtr* gradOutputs, IntPtr* inputs, int nIn, int retainGraph, int createGraph, int allowUnused, IntPtr* results);
    [DllImport(Lib)] internal static extern IntPtr advt_detach(IntPtr a);
    [DllImport(Lib)] internal static extern int advt_detach_(IntPtr a);
    [DllImport(Lib)] internal static extern int advt_is_grad_enabled();
    [DllImport(Lib)] internal static extern void advt_set_grad_enabled(int on);

    [DllImport(Lib)] internal static extern int advt_sgd_update(IntPtr param, IntPtr grad, IntPtr* buffer, double lr, double momentum, double dampening, double weightDecay, int nesterov, int maximize);
    [DllImport(Lib)] internal static extern int advt_adamw_update(IntPtr param, IntPtr grad, IntPtr* expAvg, IntPtr* expAvgSq, long step, double lr, double beta1, double beta2, double eps, double weightDecay);
}
