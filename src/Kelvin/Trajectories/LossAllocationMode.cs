namespace Kelvin.Trajectories;

/// <summary>How a <see cref="Thermometer"/> splits the energy change between layers (docs/theory.md §6).</summary>
public enum LossAllocationMode
{
    /// <summary>No per-layer energy: neither gradients nor a loss function were given. The thermometer
    /// still measures the global T and every layer's ΔS_l.</summary>
    None,
    /// <summary>From the recorded gradients: ΔE_l = ⟨(g_l(a) + g_l(b))/2, θ_l(b) − θ_l(a)⟩ per
    /// recorded segment (the trapezoid rule; record every step, or every few, with the gradient of the
    /// loss on a fixed evaluation set). Name "gradient".</summary>
    Gradient,
    /// <summary>From the caller's loss function alone: Simpson's rule over directional central
    /// differences, segments split adaptively (<see cref="ForwardLossChangeAllocator"/>). Name "forward".</summary>
    Forward,
}
