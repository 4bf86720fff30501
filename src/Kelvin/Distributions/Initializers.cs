namespace Kelvin.Distributions;

/// <summary>
/// Initialization presets of docs/theory.md §4, one small function per scheme (after PyTorch's
/// <c>torch/nn/init.py</c>). Each returns the per-weight distribution for a layer with
/// <c>fanIn</c> inputs and <c>fanOut</c> outputs; <c>gain</c> g scales the standard deviation.
/// A uniform preset with variance v has half-width a = √(3v).
/// </summary>
public static class Initializers
{
    /// <summary>Xavier/Glorot normal: N(0, g²·2/(fan_in + fan_out)).</summary>
    public static Normal XavierNormal(int fanIn, int fanOut, double gain = 1) =>
        new(0, Math.Sqrt(XavierVariance(fanIn, fanOut, gain)));

    /// <summary>Xavier/Glorot uniform: U(−a, a), a = g·√(6/(fan_in + fan_out)).</summary>
    public static Uniform XavierUniform(int fanIn, int fanOut, double gain = 1) =>
        Uniform.Symmetric(Math.Sqrt(3 * XavierVariance(fanIn, fanOut, gain)));

    /// <summary>He/Kaiming normal: N(0, g²·2/fan_in).</summary>
    public static Normal HeNormal(int fanIn, double gain = 1) => new(0, Math.Sqrt(HeVariance(fanIn, gain)));

    /// <summary>He/Kaiming uniform: U(−a, a), a = g·√(6/fan_in).</summary>
    public static Uniform HeUniform(int fanIn, double gain = 1) => Uniform.Symmetric(Math.Sqrt(3 * HeVariance(fanIn, gain)));

    /// <summary>LeCun normal: N(0, g²/fan_in).</summary>
    public static Normal LeCunNormal(int fanIn, double gain = 1) => new(0, Math.Sqrt(LeCunVariance(fanIn, gain)));

    /// <summary>LeCun uniform: U(−a, a), a = g·√(3/fan_in).</summary>
    public static Uniform LeCunUniform(int fanIn, double gain = 1) => Uniform.Symmetric(Math.Sqrt(3 * LeCunVariance(fanIn, gain)));

    /// <summary>Var = g²·2/(fan_in + fan_out).</summary>
    public static double XavierVariance(int fanIn, int fanOut, double gain = 1) => gain * gain * 2.0 / (Fan(fanIn) + Fan(fanOut));
    /// <summary>Var = g²·2/fan_in.</summary>
    public static double HeVariance(int fanIn, double gain = 1) => gain * gain * 2.0 / Fan(fanIn);
    /// <summary>Var = g²/fan_in.</summary>
    public static double LeCunVariance(int fanIn, double gain = 1) => gain * gain / Fan(fanIn);

    private static int Fan(int fan) => fan > 0 ? fan : throw new KelvinException($"a layer needs fan_in and fan_out > 0 (got {fan})");
}
