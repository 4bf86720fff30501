using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// One layer's share of a transition measured by a <see cref="Thermometer"/>: ΔS_l = S_l(to) − S_l(from)
/// of its weights, ΔE_l the energy allocated to it (weights and biases; sign of ΔE), and the local
/// temperature T_l = ΔE_l/ΔS_l with its standard error (docs/theory.md §6, "Uncertainty").
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Weights">n_l, the number of weights (the entropy's extent).</param>
/// <param name="EntropyFrom">S_l at the first record (nats); null when the layer's weights are all equal (a point).</param>
/// <param name="EntropyTo">S_l of the late state, the mean over the late records; null for a point.</param>
/// <param name="EnergyChange">ΔE_l; null when <see cref="LossAllocationMode.None"/>.</param>
/// <param name="Temperature">T_l ± SE; null without ΔE_l or when a state of the layer is a point.</param>
public sealed record LayerThermometry(string Name, int Weights, double? EntropyFrom, double? EntropyTo,
    double? EnergyChange, TemperatureEstimate? Temperature)
{
    /// <summary>ΔS_l in nats; null when either state is a point.</summary>
    public double? EntropyChange => EntropyFrom is double a && EntropyTo is double b ? b - a : null;

    /// <summary>The layer heated: its entropy rose (ΔS_l &gt; 0).</summary>
    public bool Heated => EntropyChange > 0;
}
