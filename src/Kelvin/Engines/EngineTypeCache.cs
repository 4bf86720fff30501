using System.Runtime.CompilerServices;
using Kelvin.Networks.Activations;

namespace Kelvin.Engines;

/// <summary>
/// The engine type of an activation, classified by measurement (<see cref="EngineClassifier"/> on
/// the default <see cref="EfficiencyScan"/>), remembered per activation instance so a network with many
/// layers sharing an activation measures it once. Thread-safe.
/// </summary>
public static class EngineTypeCache
{
    private static readonly ConditionalWeakTable<Activation, StrongBox<EngineType>> Types = new();

    /// <summary>Type A or B of <paramref name="activation"/> (measured on first use).</summary>
    public static EngineType Of(Activation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return Types.GetValue(activation, Measure).Value;
    }

    private static StrongBox<EngineType> Measure(Activation activation)
    {
        var scan = new EfficiencyScan();
        return new StrongBox<EngineType>(EngineClassifier.Classify(EngineClassifier.Curve(activation, scan), scan).Type);
    }
}
