namespace Kelvin.Engines;

/// <summary>The two types of heat engine (docs/theory.md §7).</summary>
public enum EngineType
{
    /// <summary>Scale-free: the work efficiency η_φ(q) does not depend on the signal level q
    /// (positively homogeneous activations: relu, leaky relu, identity).</summary>
    A,

    /// <summary>Thermally tuned: η_φ(q) depends on q (activations with a scale: tanh, sigmoid, gelu, …).</summary>
    B,
}

/// <summary>Names of engine types as they appear in tables and JSON.</summary>
public static class EngineTypeNames
{
    /// <summary>"A" or "B".</summary>
    public static string Name(this EngineType type) => type == EngineType.A ? "A" : "B";
}
