using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public partial class Tensor
{
    /// <summary>self + alpha * other (broadcasting).</summary>
    public Tensor add(Tensor other, double alpha = 1) => Wrap(NativeMethods.advt_add(Handle, other.Handle, alpha), "add");
    /// <summary>self + value.</summary>
    public Tensor add(double value) => Wrap(NativeMethods.advt_add_scalar(Handle, value), "add");
    /// <summary>self - alpha * other.</summary>
    public Tensor sub(Tensor other, double alpha = 1) => Wrap(NativeMethods.advt_sub(Handle, other.Handle, alpha), "sub");
    /// <summary>self - value.</summary>
    public Tensor sub(double value) => Wrap(NativeMethods.advt_sub_scalar(Handle, value), "sub");
    /// <summary>Elementwise product.</summary>
    public Tensor mul(Tensor other) => Wrap(NativeMethods.advt_mul(Handle, other.Handle), "mul");
    /// <summary>self * value.</summary>
    public Tensor mul(double value) => Wrap(NativeMethods.advt_mul_scalar(Handle, value), "mul");
    /// <summary>Elementwise true division.</summary>
    public Tensor div(Tensor other) => Wrap(NativeMethods.advt_div(Handle, other.Handle), "div");
    /// <summary>self / value.</summary>
    public Tensor div(double value) => Wrap(NativeMethods.advt_div_scalar(Handle, value), "div");
    /// <summary>Python-style remainder (sign of the divisor).</summary>
    public Tensor remainder(Tensor other) => Wrap(NativeMethods.advt_remainder(Handle, other.Handle), "remainder");
    /// <summary>Python-style remainder by a scalar.</summary>
    public Tensor remainder(double value) => Wrap(NativeMethods.advt_remainder_scalar(Handle, value), "remainder");
    /// <summary>C-style remainder (sign of the dividend).</summary>
    public Tensor fmod(double value) => Wrap(NativeMethods.advt_fmod_scalar(Handle, value), "fmod");
    /// <summary>Elementwise power.</summary>
    public Tensor pow(Tensor exponent) => Wrap(NativeMethods.advt_pow(Handle, exponent.Handle), "pow");
    /// <summary>self ** exponent.</summary>
    public Tensor pow(double exponent) => Wrap(NativeMethods.advt_pow_scalar(Handle, exponent), "pow");
    /// <summary>Elementwise maximum.</summary>
    public Tensor maximum(Tensor other) => Wrap(NativeMethods.advt_maximum(Handle, other.Handle), "maximum");
    /// <summary>Elementwise minimum.</summary>
    public Tensor minimum(Tensor other) => Wrap(NativeMethods.advt_minimum(Handle, other.Handle), "minimum");
    /// <summary>Elementwise logical and.</summary>
    public Tensor logical_and(Tensor other) => Wrap(NativeMethods.advt_logical_and(Handle, other.Handle), "logical_and");
    /// <summary>Elementwise logical or.</summary>
    public Tensor logical_or(Tensor other) => Wrap(NativeMethods.advt_logical_or(Handle, other.Handle), "logical_or");
    /// <summary>Elementwise logical not.</summary>
    public Tensor logical_not() => Wrap(NativeMethods.advt_logical_not(Handle), "logical_not");

    /// <summary>Elementwise ==.</summary>
    public Tensor eq(Tensor other) => Wrap(NativeMethods.advt_eq(Handle, other.Handle), "eq");
    /// <summary>Elementwise == value.</summary>
    public Tensor eq(double value) => Wrap(NativeMethods.advt_eq_scalar(Handle, value), "eq");
    /// <summary>Elementwise !=.</summary>
    public Tensor ne(Tensor other) => Wrap(NativeMethods.advt_ne(Handle, other.Handle), "ne");
    /// <summary>Elementwise != value.</summary>
    public Tensor ne(double value) => Wrap(NativeMethods.advt_ne_scalar(Handle, value), "ne");
    /// <summary>Elementwise &lt;.</summary>
    public Tensor lt(Tensor other) => Wrap(NativeMethods.advt_lt(Handle, other.Handle), "lt");
    /// <summary>Elementwise &lt; value.</summary>
    public Tensor lt(double value) => Wrap(NativeMethods.advt_lt_scalar(Handle, value), "lt");
    /// <summary>Elementwise &lt;=.</summary>
    public Tensor le(Tensor other) => Wrap(NativeMethods.advt_le(Handle, other.Handle), "le");
    /// <summary>Elementwise &lt;= value.</summary>
    public Tensor le(double value) => Wrap(NativeMethods.advt_le_scalar(Handle, value), "le");
    /// <summary>Elementwise &gt;.</summary>
    public Tensor gt(Tensor other) => Wrap(NativeMethods.advt_gt(Handle, other.Handle), "gt");
    /// <summary>Elementwise &gt; value.</summary>
    public Tensor gt(double value) => Wrap(NativeMethods.advt_gt_scalar(Handle, value), "gt");
    /// <summary>Elementwise &gt;=.</summary>
    public Tensor ge(Tensor other) => Wrap(NativeMethods.advt_ge(Handle, other.Handle), "ge");
    /// <summary>Elementwise &gt;= value.</summary>
    public Tensor ge(double value) => Wrap(NativeMethods.advt_ge_scalar(Handle, value), "ge");

    /// <summary>Same shape and exactly the same elements.</summary>
    public bool equal(Tensor other)
    {
        var r = NativeMethods.advt_equal(Handle, other.Handle);
        Check(r, "equal");
        return r == 1;
    }

    /// <summary>|self - other| &lt;= atol + rtol * |other| everywhere.</summary>
    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        var r = NativeMethods.advt_allclose(Handle, other.Handle, rtol, atol);
        Check(r, "allclose");
        return r == 1;
    }

    /// <summary>Elementwise NaN test.</summary>
    public Tensor isnan() => Wrap(NativeMethods.advt_isnan(Handle), "isnan");
    /// <summary>Elementwise finiteness test.</summary>
    public Tensor isfinite() => Wrap(NativeMethods.advt_isfinite(Handle), "isfinite");

    /// <summary>-self.</summary>
    public Tensor neg() => Wrap(NativeMethods.advt_neg(Handle), "neg");
    /// <summary>|self|.</summary>
    public Tensor abs() => Wrap(NativeMethods.advt_abs(Handle), "abs");
    /// <summary>Sign (-1, 0, 1).</summary>
    public Tensor sign() => Wrap(NativeMethods.advt_sign(Handle), "sign");
    /// <summary>e^self.</summary>
    public Tensor exp() => Wrap(NativeMethods.advt_exp(Handle), "exp");
    /// <summary>Natural logarithm.</summary>
    public Tensor log() => Wrap(NativeMethods.advt_log(Handle), "log");
    /// <summary>log(1 + self).</summary>
    public Tensor log1p() => Wrap(NativeMethods.advt_log1p(Handle), "log1p");
    /// <summary>Square root.</summary>
    public Tensor sqrt() => Wrap(NativeMethods.advt_sqrt(Handle), "sqrt");
    /// <summary>1 / sqrt(self).</summary>
    public Tensor rsqrt() => Wrap(NativeMethods.advt_rsqrt(Handle), "rsqrt");
    /// <summary>Logistic sigmoid.</summary>
    public Tensor sigmoid() => Wrap(NativeMethods.advt_sigmoid(Handle), "sigmoid");
    /// <summary>Hyperbolic tangent.</summary>
    public Tensor tanh() => Wrap(NativeMethods.advt_tanh(Handle), "tanh");
    /// <summary>max(self, 0).</summary>
    public Tensor relu() => Wrap(NativeMethods.advt_relu(Handle), "relu");
    /// <summary>Sine.</summary>
    public Tensor sin() => Wrap(NativeMethods.advt_sin(Handle), "sin");
    /// <summary>Cosine.</summary>
    public Tensor cos() => Wrap(NativeMethods.advt_cos(Handle), "cos");
    /// <summary>Round down.</summary>
    public Tensor floor() => Wrap(NativeMethods.advt_floor(Handle), "floor");
    /// <summary>Round up.</summary>
    public Tensor ceil() => Wrap(NativeMethods.advt_ceil(Handle), "ceil");
    /// <summary>Round half to even.</summary>
    public Tensor round() => Wrap(NativeMethods.advt_round(Handle), "round");
    /// <summary>1 / self.</summary>
    public Tensor reciprocal() => Wrap(NativeMethods.advt_reciprocal(Handle), "reciprocal");
    /// <summary>self².</summary>
    public Tensor square() => Wrap(NativeMethods.advt_square(Handle), "square");
    /// <summary>log(sigmoid(self)), computed stably.</summary>
    public Tensor log_sigmoid() => Wrap(NativeMethods.advt_log_sigmoid(Handle), "log_sigmoid");
    /// <summary>Leaky ReLU.</summary>
    public Tensor leaky_relu(double negative_slope = 0.01) => Wrap(NativeMethods.advt_leaky_relu(Handle, negative_slope), "leaky_relu");

    /// <summary>Clamps into [min, max]; either bound may be omitted.</summary>
    public Tensor clamp(double? min = null, double? max = null) =>
        Wrap(NativeMethods.advt_clamp(Handle, min ?? 0, max ?? 0, min.HasValue ? 1 : 0, max.HasValue ? 1 : 0), "clamp");

    /// <summary>Clamps elementwise between tensors (broadcasting); either bound may be null.</summary>
    public Tensor clamp(Tensor? min, Tensor? max) =>
        Wrap(NativeMethods.advt_clamp_tensor(Handle, min?.Handle ?? IntPtr.Zero, max?.Handle ?? IntPtr.Zero), "clamp");

    /// <summary>Matrix product with broadcasting (torch.matmul).</summary>
    public Tensor matmul(Tensor other) => Wrap(NativeMethods.advt_matmul(Handle, other.Handle), "matmul");

    /// <summary>Sum.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    /// <summary>Sum with a scalar.</summary>
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    /// <summary>Sum with a scalar.</summary>
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    /// <summary>Difference.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    /// <summary>Difference with a scalar.</summary>
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    /// <summary>Scalar minus tensor.</summary>
    public static Tensor operator -(double a, Tensor b) => Wrap(NativeMethods.advt_rsub_scalar(b.Handle, a), "rsub");
    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.neg();
    /// <summary>Elementwise product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    /// <summary>Product with a scalar.</summary>
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    /// <summary>Product with a scalar.</summary>
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    /// <summary>Elementwise quotient.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    /// <summary>Quotient by a scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    /// <summary>Scalar divided by tensor.</summary>
    public static Tensor operator /(double a, Tensor b) => Wrap(NativeMethods.advt_rdiv_scalar(b.Handle, a), "rdiv");
    /// <summary>Elementwise &lt;.</summary>
    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    /// <summary>Elementwise &gt;.</summary>
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    /// <summary>Elementwise &lt;=.</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    /// <summary>Elementwise &gt;=.</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    /// <summary>Elementwise &lt; value.</summary>
    public static Tensor operator <(Tensor a, double b) => a.lt(b);
    /// <summary>Elementwise &gt; value.</summary>
    public static Tensor operator >(Tensor a, double b) => a.gt(b);
    /// <summary>Elementwise &lt;= value.</summary>
    public static Tensor operator <=(Tensor a, double b) => a.le(b);
    /// <summary>Elementwise &gt;= value.</summary>
    public static Tensor operator >=(Tensor a, double b) => a.ge(b);
    /// <summary>Logical and of bool tensors.</summary>
    public static Tensor operator &(Tensor a, Tensor b) => a.logical_and(b);
    /// <summary>Logical or of bool tensors.</summary>
    public static Tensor operator |(Tensor a, Tensor b) => a.logical_or(b);
    /// <summary>Logical not of a bool tensor.</summary>
    public static Tensor operator !(Tensor a) => a.logical_not();
}
