using StudentT = MathNet.Numerics.Distributions.StudentT;

namespace Kelvin.Thermodynamics;

/// <summary>
/// A temperature with its uncertainty, in a named entropy view (docs/theory.md §2 "Uncertainty", §3):
/// T = ΔE/ΔS from the mean changes ΔE and ΔS, its standard error, and whether its sign is resolved.
/// The sign of a ratio is resolved when both ΔE's and ΔS's 95% intervals exclude 0: an interval of ΔE
/// that straddles 0 puts 0 inside T's interval, one of ΔS that straddles 0 puts ±∞ inside it.
/// </summary>
/// <param name="Temperature">T = mean ΔE / mean ΔS with its regime (docs/theory.md §3).</param>
/// <param name="StandardError">SE of T (loss units per nat); null without replicates, or when T is
/// degenerate, or when a replicate's ΔS is exactly 0 (T unbounded).</param>
/// <param name="EnergyChange">ΔE with its standard error.</param>
/// <param name="EntropyChange">ΔS (nats) with its standard error.</param>
/// <param name="Method">Where the SE comes from.</param>
/// <param name="Replicates">K members, or B bootstrap replicates; 1 for <see cref="UncertaintyMethod.None"/>.</param>
/// <param name="View">The entropy view of ΔS.</param>
/// <param name="SignResolved">True when the 95% intervals of ΔE and ΔS both exclude 0.</param>
public sealed record TemperatureEstimate(
    Temperature Temperature, double? StandardError, Estimate EnergyChange, Estimate EntropyChange,
    UncertaintyMethod Method, int Replicates, EntropyView View, bool SignResolved)
{
    /// <summary>The 95% two-sided coverage used for sign resolution.</summary>
    public const double Coverage = 0.95;

    /// <summary>A temperature without replicates (SE null, sign not resolved by data).</summary>
    public static TemperatureEstimate Single(double energyChange, double entropyChange, EntropyView view,
        double energyTolerance = 0, double entropyTolerance = 0) =>
        new(Transition.FromChanges(energyChange, entropyChange, energyTolerance, entropyTolerance), null,
            new Estimate(energyChange, 0), new Estimate(entropyChange, 0), UncertaintyMethod.None, 1, view, false);

    /// <summary>A point state on either side (S = −∞): T → 0, regime point-state, no standard error;
    /// ΔS is undefined and stored as (0, 0) — read <see cref="Temperature"/>'s regime, not ΔS.</summary>
    public static TemperatureEstimate Point(double energyChange, EntropyView view) =>
        new(Temperature.Degenerate(Regime.PointState), null, new Estimate(energyChange, 0), new Estimate(0, 0), UncertaintyMethod.None, 1, view, false);

    /// <summary>
    /// T across K ≥ 2 independent members with changes ΔE_k, ΔS_k: T = ΔĒ/ΔS̄ (ratio of means), and
    /// SE by the delete-one jackknife (<see cref="FromLeaveOneOut"/> with the leave-one-out means).
    /// </summary>
    /// <exception cref="KelvinException">for fewer than 2 members, unequal lengths or non-finite changes.</exception>
    public static TemperatureEstimate FromMembers(ReadOnlySpan<double> energyChanges, ReadOnlySpan<double> entropyChanges,
        EntropyView view, double energyTolerance = 0, double entropyTolerance = 0)
    {
        int k = energyChanges.Length;
        if (k != entropyChanges.Length) throw new KelvinException($"members: {k} energy changes but {entropyChanges.Length} entropy changes");
        if (k < 2) throw new KelvinException($"a standard error across members needs at least 2 members (got {k})");
        CheckFinite(energyChanges, "ΔE");
        CheckFinite(entropyChanges, "ΔS");
        double sumE = Sum(energyChanges), sumS = Sum(entropyChanges);
        var looE = new double[k];
        var looS = new double[k];
        for (int i = 0; i < k; i++)
        {
            looE[i] = (sumE - energyChanges[i]) / (k - 1);
            looS[i] = (sumS - entropyChanges[i]) / (k - 1);
        }
        return FromLeaveOneOut(sumE / k, sumS / k, looE, looS, view, energyTolerance, entropyTolerance);
    }

    /// <summary>
    /// T = ΔE/ΔS of K members taken together (e.g. the ensemble view's ΔS, a property of the whole
    /// ensemble), with the changes ΔE₋ₖ, ΔS₋ₖ recomputed without member k. SE by the delete-one
    /// jackknife, SE² = (K−1)/K · Σ_k (T₋ₖ − T̄₋)², T₋ₖ = ΔE₋ₖ/ΔS₋ₖ (null when some ΔS₋ₖ is 0); SE(ΔE),
    /// SE(ΔS) likewise. The sign is resolved when |ΔE| &gt; t·SE(ΔE) and |ΔS| &gt; t·SE(ΔS), t the 97.5%
    /// quantile of Student's t with K−1 degrees of freedom. For per-member changes the leave-one-out
    /// means give SE(ΔĒ) = sd/√K exactly.
    /// </summary>
    /// <exception cref="KelvinException">for fewer than 2 members, unequal lengths or non-finite changes.</exception>
    public static TemperatureEstimate FromLeaveOneOut(double energyChange, double entropyChange,
        ReadOnlySpan<double> leaveOneOutEnergyChanges, ReadOnlySpan<double> leaveOneOutEntropyChanges,
        EntropyView view, double energyTolerance = 0, double entropyTolerance = 0)
    {
        int k = leaveOneOutEnergyChanges.Length;
        if (k != leaveOneOutEntropyChanges.Length) throw new KelvinException($"members: {k} energy changes but {leaveOneOutEntropyChanges.Length} entropy changes");
        if (k < 2) throw new KelvinException($"a standard error across members needs at least 2 members (got {k})");
        CheckFinite([energyChange, entropyChange], "ΔE, ΔS");
        CheckFinite(leaveOneOutEnergyChanges, "ΔE₋ₖ");
        CheckFinite(leaveOneOutEntropyChanges, "ΔS₋ₖ");
        var dE = Estimate.Jackknife(energyChange, leaveOneOutEnergyChanges);
        var dS = Estimate.Jackknife(entropyChange, leaveOneOutEntropyChanges);
        var t = Transition.FromChanges(energyChange, entropyChange, energyTolerance, entropyTolerance);
        double? se = t.IsFinite && Ratios(leaveOneOutEnergyChanges, leaveOneOutEntropyChanges) is { } loo ? Estimate.Jackknife(t.Value!.Value, loo).StdErr : null;
        double q = StudentT.InvCDF(0, 1, k - 1, 0.5 + Coverage / 2);
        bool resolved = t.IsFinite && Math.Abs(dE.Value) > q * dE.StdErr && Math.Abs(dS.Value) > q * dS.StdErr;
        return new(t, se, dE, dS, UncertaintyMethod.Members, k, view, resolved);
    }

    /// <summary>
    /// T of one run, T = ΔE/ΔS, with B bootstrap replicates (ΔE*_b, ΔS*_b) of it: SE = the standard
    /// deviation of T*_b = ΔE*_b/ΔS*_b (null when some ΔS*_b is 0); SE(ΔE), SE(ΔS) the replicates'
    /// standard deviations. The sign is resolved when the 2.5% and 97.5% percentiles of ΔE* lie on one
    /// side of 0, and those of ΔS* too.
    /// </summary>
    /// <exception cref="KelvinException">for fewer than 2 replicates, unequal lengths or non-finite values.</exception>
    public static TemperatureEstimate FromBootstrap(double energyChange, double entropyChange,
        ReadOnlySpan<double> replicateEnergyChanges, ReadOnlySpan<double> replicateEntropyChanges,
        EntropyView view, double energyTolerance = 0, double entropyTolerance = 0)
    {
        int b = replicateEnergyChanges.Length;
        if (b != replicateEntropyChanges.Length) throw new KelvinException($"bootstrap: {b} energy replicates but {replicateEntropyChanges.Length} entropy replicates");
        if (b < 2) throw new KelvinException($"a bootstrap standard error needs at least 2 replicates (got {b})");
        CheckFinite(replicateEnergyChanges, "ΔE*");
        CheckFinite(replicateEntropyChanges, "ΔS*");
        var t = Transition.FromChanges(energyChange, entropyChange, energyTolerance, entropyTolerance);
        double? se = t.IsFinite && Ratios(replicateEnergyChanges, replicateEntropyChanges) is { } ratios ? StandardDeviation(ratios) : null;
        bool resolved = t.IsFinite && OneSided(replicateEnergyChanges) && OneSided(replicateEntropyChanges);
        return new(t, se, new Estimate(energyChange, StandardDeviation(replicateEnergyChanges)),
            new Estimate(entropyChange, StandardDeviation(replicateEntropyChanges)), UncertaintyMethod.Bootstrap, b, view, resolved);
    }

    /// <summary>The temperatures T_i = ΔE_i/ΔS_i of replicates (leave-one-out or bootstrap), or null when
    /// some ΔS_i is 0 or some T_i is not finite (then T has no standard error).</summary>
    private static double[]? Ratios(ReadOnlySpan<double> energyChanges, ReadOnlySpan<double> entropyChanges)
    {
        var ratios = new double[energyChanges.Length];
        for (int i = 0; i < ratios.Length; i++)
        {
            if (entropyChanges[i] == 0) return null;
            ratios[i] = energyChanges[i] / entropyChanges[i];
            if (!double.IsFinite(ratios[i])) return null;
        }
        return ratios;
    }

    private static bool OneSided(ReadOnlySpan<double> replicates)
    {
        var sorted = replicates.ToArray();
        Array.Sort(sorted);
        double lo = Quantile(sorted, (1 - Coverage) / 2), hi = Quantile(sorted, 0.5 + Coverage / 2);
        return lo > 0 || hi < 0;
    }

    /// <summary>The type-7 (linear interpolation) quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        return s;
    }

    private static double StandardDeviation(ReadOnlySpan<double> values) =>
        Estimate.MeanOf(values).StdErr * Math.Sqrt(values.Length);

    private static void CheckFinite(ReadOnlySpan<double> values, string what)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new KelvinException($"a temperature estimate needs finite changes ({what} = {v})");
    }
}
