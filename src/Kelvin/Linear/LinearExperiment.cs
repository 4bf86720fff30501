using Kelvin.Thermodynamics;

namespace Kelvin.Linear;

/// <summary>The simulated training transition and its temperature in one entropy view.</summary>
/// <param name="Initial">the Type I ensemble.</param>
/// <param name="Trained">the SGD ensemble (its S in the view).</param>
/// <param name="Transition">T from the simulated E and S (through <see cref="Transition"/>).</param>
/// <param name="Estimate">T ± SE across the K members: the delete-one-member jackknife of
/// T₋ₖ = ΔE₋ₖ/ΔS₋ₖ (<see cref="TemperatureEstimate.FromLeaveOneOut"/>), and whether its sign is resolved.</param>
/// <param name="Coldness">β = 1/T = ΔS/ΔE (nats per loss unit) with its jackknife SE: finite through an
/// isentropic point, where T passes through ±∞ (the particle view's sign flip).</param>
public sealed record SimulatedTransition(SimulatedState Initial, SimulatedState Trained, Transition Transition, TemperatureEstimate Estimate, Estimate Coldness)
{
    /// <summary>SE of T (null when T is degenerate).</summary>
    public double? TemperatureStdErr => Estimate.StandardError;
}

/// <summary>Analytic and simulated training transition side by side (docs/theory.md §9–10).</summary>
/// <param name="Analytic">the analytic result.</param>
/// <param name="Simulated">the Monte Carlo result.</param>
/// <param name="TemperatureRelativeDifference">|T_sim − T_an|/|T_an| (null when either is degenerate).</param>
/// <param name="MaxZ">max over E_I, S_I, E*, S* of |analytic − simulated|/SE; null when one of them
/// differs from its analytic value with a zero standard error (see <see cref="Estimate.ZScore"/>).</param>
/// <param name="Asymptotic">the asymptotic T_I of <see cref="AsymptoticTheory"/> (teacher data only; else null).</param>
public sealed record LinearComparison(LinearAnalysis Analytic, SimulatedTransition Simulated, double? TemperatureRelativeDifference, double? MaxZ,
                                      Temperature? Asymptotic = null)
{
    /// <summary>The entropy view of the comparison.</summary>
    public EntropyView View => Analytic.View;

    /// <summary>(T_analytic − T_simulated)/SE(T_simulated); null when either is degenerate or SE is 0.</summary>
    public double? TemperatureZ => Analytic.Temperature.Value is double ta && Simulated.Transition.Temperature.Value is double ts
                                   && Simulated.TemperatureStdErr is double se && se > 0 ? (ta - ts) / se : null;

    /// <summary>The per-cell criterion of the linear checks: |T_sim − T_an| within 5% of |T_an| or within 4 SE.</summary>
    public bool Agrees => TemperatureRelativeDifference is <= 0.05 || TemperatureZ is double z && Math.Abs(z) <= 4;
}

/// <summary>The refresh transition, analytic and simulated.</summary>
/// <param name="Analytic">the analytic refresh (W, Q, T_II).</param>
/// <param name="EnergyBefore">simulated E(state₁; D2).</param>
/// <param name="After">the simulated state retrained on D2 (continuing each member's run).</param>
/// <param name="Work">simulated W = ½(w̄₁−w̄₂)ᵀH₂(w̄₁−w̄₂) from the ensemble means.</param>
/// <param name="Heat">simulated Q = ΔE − W.</param>
/// <param name="Transition">simulated T_II (isentropic when |ΔS| ≤ 3·SE(ΔS)).</param>
/// <param name="TemperatureStdErr">delta-method SE of T_II.</param>
public sealed record RefreshComparison(RefreshAnalysis Analytic, Estimate EnergyBefore, SimulatedState After, double Work, double Heat,
                                       Transition Transition, double? TemperatureStdErr);

/// <summary>Runs the analytic theory and the simulation of one linear setting and compares them.</summary>
public static class LinearExperiment
{
    /// <summary>The training transition of <paramref name="setting"/> on <paramref name="data"/>, analytic vs simulated, in <paramref name="view"/>.</summary>
    public static LinearComparison Run(LinearData data, LinearSetting setting, SimulationSetting sim, EntropyView view = EntropyView.Ensemble,
                                       TrainedState? trainedState = null) =>
        RunViews(data, setting, sim, [view], trainedState)[0];

    /// <summary>
    /// The training transition in several views from one simulation (the same K initializations and SGD
    /// runs; only S* is read differently). When the thermal view is among them and the step count is
    /// automatic, the runs are long enough for late iterates <see cref="SimulationSetting.ThermalThinning"/>
    /// relaxation times apart (nearly independent, as the thermal view's χ² bias correction assumes).
    /// </summary>
    public static IReadOnlyList<LinearComparison> RunViews(LinearData data, LinearSetting setting, SimulationSetting sim, IReadOnlyList<EntropyView> views,
                                                           TrainedState? trainedState = null)
    {
        if (views.Count == 0) throw new KelvinException("no entropy view asked for");
        setting.Validate();
        trainedState ??= TrainedState.Of(data, setting.Loss, setting.LearningRate, setting.Batch, setting.Form);
        var initial = LinearSimulator.Initial(data, setting, sim);
        int steps = sim.StepsFor(setting.LearningRate, MinEigenvalue(trainedState), views.Contains(EntropyView.Thermal) ? SimulationSetting.ThermalThinning : 0);
        var sgd = LinearSimulator.Trained(data, setting, sim, initial.Samples, steps, view: views[0]);
        var result = new List<LinearComparison>();
        foreach (var view in views)
        {
            var analytic = LinearTheory.Analyze(data, setting, view, trainedState);
            var trained = view == sgd.View ? sgd : sgd with { EntropyJackknife = SimulatedEntropy.Of(sgd.Samples, data.Dimension, view, sim.MaxDegreeOfParallelism), View = view };
            var simulated = SimulatedTraining(initial, trained);
            double? rel = analytic.Temperature.Value is double ta && simulated.Transition.Temperature.Value is double ts
                ? Math.Abs(ts - ta) / Math.Abs(ta) : null;
            double?[] z =
            [
                initial.Energy.ZScore(analytic.InitialEnergy.Value), initial.Entropy.ZScore(analytic.InitialEntropy),
                trained.Energy.ZScore(analytic.Trained.Energy), trained.Entropy.ZScore(analytic.TrainedEntropy),
            ];
            double? maxZ = z.Any(v => v is null) ? null : z.Max(v => Math.Abs(v!.Value));
            result.Add(new LinearComparison(analytic, simulated, rel, maxZ));
        }
        return result;
    }

    /// <summary>The refresh after <paramref name="kind"/> of <paramref name="size"/>: the state trained on the
    /// teacher's data (<paramref name="before"/>, analytic and simulated) retrained on the shifted data.</summary>
    public static RefreshComparison Refresh(Teacher teacher, ShiftKind kind, double size, LinearSetting setting, SimulationSetting sim, LinearComparison before)
    {
        var shifted = Shift.Apply(teacher, kind, size).Data;
        var after = TrainedState.Of(shifted, setting.Loss, setting.LearningRate, setting.Batch, setting.Form);
        var analytic = RefreshAnalysis.Of(before.Analytic.Trained, after);
        var trained1 = before.Simulated.Trained;
        var energyBefore = LinearSimulator.EnergyOn(shifted, setting.Loss, trained1, sim);
        int d = shifted.Dimension;
        int steps = sim.StepsFor(setting.LearningRate, MinEigenvalue(after));
        var trained2 = LinearSimulator.Trained(shifted, setting, sim, trained1.LastSamples(d), steps, streamOffset: 0x100_0000);
        var simulated = Simulate(energyBefore, trained1.Entropy, trained2.Energy, trained2.Entropy,
                                 Math.Sqrt(Sq(trained1.Entropy.StdErr) + Sq(trained2.Entropy.StdErr)));
        var m1 = Mean(trained1.Samples, d);
        var m2 = Mean(trained2.Samples, d);
        var delta = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d, j => m1[j] - m2[j]);
        double work = 0.5 * delta.DotProduct(after.Curvature.Hessian * delta);
        double heat = energyBefore.Value - trained2.Energy.Value - work;
        return new RefreshComparison(analytic, energyBefore, trained2, work, heat, simulated.Transition, simulated.StdErr);
    }

    /// <summary>The simulated transition Type I → trained: T through <see cref="Transition"/>, T ± SE and
    /// β ± SE by the delete-one-member jackknife (the same K members make both states).</summary>
    public static SimulatedTransition SimulatedTraining(SimulatedState initial, SimulatedState trained)
    {
        var transition = Transition.Between(initial.Energy.Value, initial.Entropy.Value, trained.Energy.Value, trained.Entropy.Value);
        var dE = trained.EnergyJackknife.Minus(initial.EnergyJackknife);
        var dS = trained.EntropyJackknife.Minus(initial.EntropyJackknife);
        var tol = TransitionTolerance.Default;
        var estimate = TemperatureEstimate.FromLeaveOneOut(dE.Value, dS.Value, dE.LeaveOneOut, dS.LeaveOneOut, trained.View,
            tol.Energy(initial.Energy.Value, trained.Energy.Value), tol.Entropy(initial.Entropy.Value, trained.Entropy.Value));
        var coldness = Estimate.Jackknife(dS.Value / dE.Value, dS.LeaveOneOut.Zip(dE.LeaveOneOut, (s, e) => s / e).ToArray());
        return new SimulatedTransition(initial, trained, transition, estimate, coldness);
    }

    private static (Transition Transition, double? StdErr) Simulate(Estimate e1, Estimate s1, Estimate e2, Estimate s2, double? entropyTolerance)
    {
        var tolerance = entropyTolerance is double t ? new TransitionTolerance(1e-12, 3 * t, 1e-9) : null;
        var transition = Transition.Between(e1.Value, s1.Value, e2.Value, s2.Value, tolerance);
        double? se = null;
        if (transition.Temperature.Value is double temp)
        {
            double de = e2.Value - e1.Value, ds = s2.Value - s1.Value;
            double relE = Math.Sqrt(Sq(e1.StdErr) + Sq(e2.StdErr)) / Math.Abs(de);
            double relS = Math.Sqrt(Sq(s1.StdErr) + Sq(s2.StdErr)) / Math.Abs(ds);
            se = Math.Abs(temp) * Math.Sqrt(relE * relE + relS * relS);
        }
        return (transition, se);
    }

    /// <summary>λ_min(H) of the trained state: sets the relaxation time 1/(ηλ_min) of SGD.</summary>
    public static double MinEigenvalue(TrainedState state) =>
        state.Curvature.Hessian.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Min(c => c.Real);

    private static double[] Mean(double[][] samples, int d)
    {
        var mean = new double[d];
        int count = 0;
        foreach (var s in samples)
            for (int r = 0; r < s.Length / d; r++, count++)
                for (int j = 0; j < d; j++) mean[j] += s[r * d + j];
        for (int j = 0; j < d; j++) mean[j] /= count;
        return mean;
    }

    private static double Sq(double x) => x * x;
}
