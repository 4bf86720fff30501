namespace Kelvin.Trajectories;

/// <summary>
/// How a <see cref="Thermometer"/> reads its records: the late state is the mean over the last
/// <see cref="LateIterates"/> records, T(t) uses windows of <see cref="CurveWindow"/> records (as
/// <see cref="TransitionSettings"/> for Kelvin's own runs), the standard error comes from
/// <see cref="Replicates"/> half-samples of every layer's weights drawn from <see cref="Seed"/>, and
/// forward-only allocation splits segments by <see cref="Tolerance"/>.
/// </summary>
public sealed record ThermometerSettings(int LateIterates = 5, int CurveWindow = 1, int Replicates = 64, ulong Seed = 0,
    AllocationTolerance? Tolerance = null)
{
    /// <summary>Late iterates 5, window 1, 64 replicates, seed 0, the default allocation tolerance.</summary>
    public static ThermometerSettings Default { get; } = new();

    internal void Validate()
    {
        if (LateIterates < 1) throw new KelvinException($"lateIterates must be at least 1 (got {LateIterates})");
        if (CurveWindow < 1) throw new KelvinException($"curveWindow must be at least 1 record (got {CurveWindow})");
        if (Replicates < 2) throw new KelvinException($"replicates must be at least 2 (got {Replicates})");
    }
}
