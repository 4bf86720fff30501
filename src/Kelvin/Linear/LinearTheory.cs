using Kelvin.Thermodynamics;

namespace Kelvin.Linear;

/// <summary>
/// The analytic training transition of a linear model (docs/theory.md §5) in one entropy view (docs/theory.md §2):
/// the Type I state (E_I, S_I = d·h(ρ), the same in every view), the trained state (E*, and S* in
/// <see cref="View"/>: <see cref="TrainedStateViews"/>), and T_I = (E_I − E*)/(S_I − S*) through
/// <see cref="Transition"/>.
/// </summary>
public sealed record LinearAnalysis(AnalyticValue InitialEnergy, double InitialEntropy, TrainedState Trained, Transition Transition,
                                    EntropyView View = EntropyView.Ensemble, double? TrainedEntropyInView = null)
{
    /// <summary>S* in <see cref="View"/>, nats.</summary>
    public double TrainedEntropy => TrainedEntropyInView ?? Trained.Entropy;

    /// <summary>T_I with its regime.</summary>
    public Temperature Temperature => Transition.Temperature;
}

/// <summary>The analytic and asymptotic results of docs/theory.md §5.</summary>
public static class LinearTheory
{
    /// <summary>The analytic training transition of <paramref name="setting"/> on <paramref name="data"/> in <paramref name="view"/>.</summary>
    /// <param name="data">the data.</param>
    /// <param name="setting">loss, init, η, B.</param>
    /// <param name="view">the entropy view of S*.</param>
    /// <param name="trained">the trained state when already solved (else solved here).</param>
    public static LinearAnalysis Analyze(LinearData data, LinearSetting setting, EntropyView view = EntropyView.Ensemble, TrainedState? trained = null)
    {
        setting.Validate();
        var initialEnergy = InitialStateTheory.Energy(data, setting.Loss, setting.Init);
        double initialEntropy = InitialStateTheory.Entropy(setting.Init, data.Dimension);
        trained ??= TrainedState.Of(data, setting.Loss, setting.LearningRate, setting.Batch, setting.Form);
        double trainedEntropy = TrainedStateViews.Entropy(trained, view);
        var transition = Transition.Between(initialEnergy.Value, initialEntropy, trained.Energy, trainedEntropy);
        return new LinearAnalysis(initialEnergy, initialEntropy, trained, transition, view, trainedEntropy);
    }

    /// <summary>
    /// The asymptotic mse temperature for a normal init N(0, σ²), x ~ N(0, I), n → ∞ and η → 0:
    /// T_I ≈ 2(‖w*‖²/d + σ²) / ln(σ²B/(ηs²)). Needs σ²B &gt; ηs² (a trained state narrower than the init).
    /// </summary>
    public static double AsymptoticMseTemperature(double signal, double noise, double sigma, double eta, int batch)
    {
        double ratio = sigma * sigma * batch / (eta * noise * noise);
        if (!(ratio > 1)) throw new KelvinException($"the asymptotic formula needs σ²B > ηs² (got σ²B/(ηs²) = {ratio:G4})");
        return 2 * (signal + sigma * sigma) / Math.Log(ratio);
    }
}
