using Kelvin.Entropy;

namespace Kelvin.Thermodynamics;

/// <summary>
/// A state (docs/theory.md §2): a probability distribution over the parameters θ, represented by N samples
/// (K ensemble members × M late iterates) of each layer's weights, with the energy U_D(θ) of each
/// sample supplied by the caller (the model and data live elsewhere).
/// <list type="bullet">
/// <item>Energy E = (1/N) Σ_s U_D(θ_s), in loss units.</item>
/// <item>Entropy S = Σ_l S_l, in nats, in a view (<see cref="EntropyView"/>) with a one-dimensional
/// estimator h (docs/theory.md §8): particle S_l = n_l·h(pooled layer); ensemble S_l = Σ_j h(θ_j across samples);
/// Gaussian S_l = ½ ln det(2πe C_l).</item>
/// </list>
/// A change of unit θ → cθ shifts S by (Σ_l n_l)·ln c and leaves ΔS between two states unchanged.
/// </summary>
public sealed class EnsembleState
{
    /// <summary>A state from its layers (all with the same number of samples N) and the N sample energies.</summary>
    public EnsembleState(IReadOnlyList<LayerSamples> layers, IReadOnlyList<double> sampleEnergies)
    {
        if (layers.Count == 0) throw new KelvinException("a state needs at least one layer");
        int n = layers[0].SampleCount;
        foreach (var l in layers)
            if (l.SampleCount != n) throw new KelvinException($"every layer of a state needs the same number of samples: '{layers[0].Name}' has {n}, '{l.Name}' has {l.SampleCount}");
        if (n < 1) throw new KelvinException("a state needs at least one sample");
        if (sampleEnergies.Count != n) throw new KelvinException($"a state with {n} samples needs {n} energies (got {sampleEnergies.Count})");
        foreach (double u in sampleEnergies)
            if (!double.IsFinite(u)) throw new KelvinException($"a sample energy is not finite ({u})");
        Layers = layers;
        SampleEnergies = sampleEnergies;
    }

    /// <summary>A one-layer state (e.g. the weight vector w of a linear model) from its samples and energies.</summary>
    public static EnsembleState SingleLayer(string name, IReadOnlyList<double[]> samples, IReadOnlyList<double> sampleEnergies) =>
        new([LayerSamples.Of(name, samples)], sampleEnergies);

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<LayerSamples> Layers { get; }
    /// <summary>U_D(θ_s) of each sample s.</summary>
    public IReadOnlyList<double> SampleEnergies { get; }
    /// <summary>N, the number of samples.</summary>
    public int SampleCount => SampleEnergies.Count;
    /// <summary>Σ_l n_l, the number of weights that carry entropy.</summary>
    public int ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>E = (1/N) Σ_s U_D(θ_s), summed in sample order.</summary>
    public double Energy
    {
        get
        {
            double s = 0;
            foreach (double u in SampleEnergies) s += u;
            return s / SampleEnergies.Count;
        }
    }

    /// <summary>The standard error of <see cref="Energy"/>, sd(U)/√N (0 for one sample).</summary>
    public double EnergyStandardError
    {
        get
        {
            int n = SampleEnergies.Count;
            if (n < 2) return 0;
            double mean = Energy, ss = 0;
            foreach (double u in SampleEnergies) ss += (u - mean) * (u - mean);
            return Math.Sqrt(ss / (n - 1) / n);
        }
    }

    /// <summary>The entropy S = Σ_l S_l in <paramref name="view"/>, with <paramref name="estimator"/> as h
    /// (default knn; ignored by the Gaussian view). Layers (and, in the ensemble view, parameters) are
    /// estimated in parallel and summed in order: the result does not depend on
    /// <paramref name="maxDegreeOfParallelism"/>.</summary>
    /// <exception cref="KelvinException">when the view needs more samples than the state has.</exception>
    public StateEntropy Entropy(EntropyView view, IEntropyEstimator? estimator = null, int? maxDegreeOfParallelism = null) =>
        StateEntropies.Of(Layers, view, estimator, maxDegreeOfParallelism);

    /// <summary>The state reduced to (E, S) for a <see cref="Transition"/>: a point state when S = −∞.</summary>
    public ThermodynamicState Thermodynamic(StateEntropy entropy) =>
        entropy.Total is double s ? ThermodynamicState.Of(Energy, s) : ThermodynamicState.Point(Energy);

    /// <summary>The state reduced to (E, S) in <paramref name="view"/> with <paramref name="estimator"/>.</summary>
    public ThermodynamicState Thermodynamic(EntropyView view, IEntropyEstimator? estimator = null, int? maxDegreeOfParallelism = null) =>
        Thermodynamic(Entropy(view, estimator, maxDegreeOfParallelism));

    /// <summary>The same state with every weight multiplied by <paramref name="factor"/> (a change of unit).</summary>
    public EnsembleState Scaled(double factor) => new(Layers.Select(l => l.Scaled(factor)).ToList(), SampleEnergies);
}
