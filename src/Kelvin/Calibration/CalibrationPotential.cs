namespace Kelvin.Calibration;

/// <summary>The potential a calibration samples (docs/theory.md §2, "The Boltzmann reference").</summary>
public enum CalibrationPotential
{
    /// <summary>U = ½θᵀHθ, H rotated with log-spaced eigenvalues; unadjusted Langevin, compared with the
    /// chain's exact stationary state. Name "quadratic".</summary>
    Quadratic,
    /// <summary>U = Σ (θᵢ² − 1)²; MALA, compared with quadrature. Name "double-well".</summary>
    DoubleWell,
    /// <summary>U = Σ θᵢ²/2 + θᵢ⁴/4; MALA, compared with quadrature. Name "quartic".</summary>
    Quartic,
}

/// <summary>The CLI/JSON names of <see cref="CalibrationPotential"/>.</summary>
public static class CalibrationPotentials
{
    /// <summary>"quadratic", "double-well" or "quartic".</summary>
    public static string Name(this CalibrationPotential p) => p switch
    {
        CalibrationPotential.Quadratic => "quadratic",
        CalibrationPotential.DoubleWell => "double-well",
        CalibrationPotential.Quartic => "quartic",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    /// <summary>The potential called <paramref name="name"/> (case-insensitive; "double_well" also works).</summary>
    /// <exception cref="KelvinException">for an unknown name.</exception>
    public static CalibrationPotential Parse(string name) =>
        Enum.GetValues<CalibrationPotential>().Cast<CalibrationPotential?>()
            .FirstOrDefault(p => string.Equals(p!.Value.Name(), name?.Trim().Replace('_', '-'), StringComparison.OrdinalIgnoreCase))
        ?? throw new KelvinException($"unknown potential '{name}': expected quadratic, double-well or quartic");

    /// <summary>Whether the potential is anharmonic (its Boltzmann states change shape with T).</summary>
    public static bool IsAnharmonic(this CalibrationPotential p) => p != CalibrationPotential.Quadratic;
}
