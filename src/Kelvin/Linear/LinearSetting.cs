using Kelvin.Distributions;
using Kelvin.Energy;

namespace Kelvin.Linear;

/// <summary>
/// One linear-model experiment: the energy form, the per-weight initialization ρ, and SGD's
/// learning rate η and batch size B (docs/theory.md §4–5).
/// </summary>
public sealed record LinearSetting(IEnergyForm Loss, IUnivariateDistribution Init, double LearningRate, int Batch,
                                   LyapunovForm Form = LyapunovForm.DiscreteFull)
{
    /// <summary>Checks η and B.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new KelvinException($"LearningRate must be > 0 (got {LearningRate})", nameof(LearningRate));
        if (Batch < 1) throw new KelvinException($"Batch must be >= 1 (got {Batch})", nameof(Batch));
    }
}
