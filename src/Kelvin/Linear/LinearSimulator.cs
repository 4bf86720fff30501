using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Entropy;
using Kelvin.Randomness;
using MathNet.Numerics;
using Kelvin.Thermodynamics;

namespace Kelvin.Linear;

/// <summary>A simulated state: E and S with standard errors, their delete-one-member values, and the samples behind them.</summary>
/// <param name="EnergyJackknife">E = mean U_D over the samples, with delete-one-member means.</param>
/// <param name="EntropyJackknife">S in <paramref name="View"/>, with delete-one-member values.</param>
/// <param name="Samples">per member k: its samples of w, flattened (count × d).</param>
/// <param name="Steps">SGD steps per run (0 for an initialization ensemble).</param>
/// <param name="View">the entropy view of S (the Type I state's S is the same in every view).</param>
/// <param name="Thinning">SGD steps between consecutive late iterates (0 for an initialization ensemble).</param>
public sealed record SimulatedState(MemberJackknife EnergyJackknife, MemberJackknife EntropyJackknife, double[][] Samples, int Steps,
                                    EntropyView View = EntropyView.Ensemble, int Thinning = 0)
{
    /// <summary>E with its SE over members.</summary>
    public Estimate Energy => EnergyJackknife.Estimate;
    /// <summary>S with its delete-one-member jackknife SE.</summary>
    public Estimate Entropy => EntropyJackknife.Estimate;
    /// <summary>Per member, its last sample (the start of a continuation run).</summary>
    public double[][] LastSamples(int d) => Samples.Select(s => s[^d..]).ToArray();
}

/// <summary>
/// Monte Carlo of the linear-model states (docs/theory.md §4–5, §10): K sampled initializations and K
/// independent SGD runs. Member k draws only from <c>new Rng(seed, stream + k)</c>, results are stored by
/// k and reduced in k order: the numbers are bit-identical on any thread count.
/// </summary>
public static class LinearSimulator
{
    private const ulong InitStream = 0x1000_0000, SgdStream = 0x2000_0000;

    /// <summary>
    /// The Type I state: K draws w ~ ρ^⊗d. E = mean U_D(w_k) (SE √(var/K)); S = d·h(pooled K·d weights)
    /// — the particle view, which equals the ensemble view for i.i.d. weights (docs/theory.md §2) and needs far
    /// fewer members than d separate K-sample marginals; SE by the delete-one-member jackknife.
    /// </summary>
    public static SimulatedState Initial(LinearData data, LinearSetting setting, SimulationSetting sim)
    {
        sim.Validate();
        int k = sim.Ensemble, d = data.Dimension;
        var samples = new double[k][];
        var energies = new double[k];
        ForEachMember(k, sim, m =>
        {
            var rng = new Rng(sim.Seed, InitStream + (ulong)m);
            var w = setting.Init.Samples(rng, d);
            samples[m] = w;
            energies[m] = data.Energy(setting.Loss, w);
        });
        return InitialState(samples, energies, sim);
    }

    /// <summary>The Type I state of K members' initial weights <paramref name="samples"/> (d each) and
    /// energies: E = mean, S = d·h(pooled K·d weights) by <see cref="SimulationSetting.InitialEntropyEstimator"/>,
    /// each with its delete-one-member values. Also reads the initial state of any other K-member run of
    /// a linear model (e.g. a network without a hidden layer).</summary>
    public static SimulatedState InitialState(double[][] samples, double[] energies, SimulationSetting sim)
    {
        int k = samples.Length;
        var estimator = EntropyEstimators.Parse(sim.InitialEntropyEstimator);
        double Pooled(int skip)
        {
            var members = Enumerable.Range(0, k).Where(m => m != skip).ToList();
            var state = EnsembleState.SingleLayer("w", members.Select(m => samples[m]).ToList(), members.Select(m => energies[m]).ToList());
            return state.Entropy(EntropyView.Particle, estimator, 1).Total
                ?? throw new KelvinException("the initial weights have no spread (a point state)");
        }
        var loo = new double[k];
        ForEachMember(k, sim, m => loo[m] = Pooled(m));
        return new SimulatedState(MemberJackknife.Mean(energies), new MemberJackknife(Pooled(-1), loo), samples, 0, EntropyView.Particle);
    }

    /// <summary>
    /// The trained state: K SGD runs w ← w − (η/B) Σ_{b} ℓ′(wᵀx_b, y_b)·x_b, minibatches drawn with
    /// replacement, from <paramref name="starts"/> (member k's start) for T steps; M iterates evenly
    /// spaced over the last half (thinning (T − T/2)/M steps). E = mean U_D over iterates (SE over
    /// per-run means). S in <paramref name="view"/> by <see cref="SimulatedEntropy"/>; SE by the
    /// delete-one-run jackknife.
    /// </summary>
    public static SimulatedState Trained(LinearData data, LinearSetting setting, SimulationSetting sim, double[][] starts, int steps,
                                         ulong streamOffset = 0, EntropyView view = EntropyView.Ensemble)
    {
        sim.Validate();
        setting.Validate();
        int k = sim.Ensemble, d = data.Dimension, mLate = sim.LateIterates;
        if (starts.Length != k) throw new ArgumentException($"{starts.Length} starts for {k} members");
        if (steps < 2 * mLate) throw new KelvinException($"Steps {steps} is too short for {mLate} late iterates", "Steps");
        var samples = new double[k][];
        var energies = new double[k];
        double eta = setting.LearningRate;
        int batch = setting.Batch, n = data.Count;
        var loss = setting.Loss;
        ForEachMember(k, sim, m =>
        {
            var rng = new Rng(sim.Seed, SgdStream + streamOffset + (ulong)m);
            var w = (double[])starts[m].Clone();
            var grad = new double[d];
            var late = new double[mLate * d];
            int next = 0, half = steps / 2;
            double energy = 0;
            for (int t = 1; t <= steps && next < mLate; t++)
            {
                Array.Clear(grad);
                for (int b = 0; b < batch; b++)
                {
                    int i = rng.NextInt(n);
                    var x = data.Row(i);
                    double z = 0;
                    for (int j = 0; j < d; j++) z += w[j] * x[j];
                    double g = loss.Derivative(z, data.Targets[i]);
                    for (int j = 0; j < d; j++) grad[j] += g * x[j];
                }
                double step = eta / batch;
                for (int j = 0; j < d; j++) w[j] -= step * grad[j];
                if (!double.IsFinite(w[0])) throw new KelvinException($"SGD diverged (member {m}, step {t}); lower the learning rate");
                // sample at t = half + (r+1)·(steps − half)/M, r = 0..M−1
                if (t == half + (long)(next + 1) * (steps - half) / mLate)
                {
                    w.CopyTo(late, next * d);
                    energy += data.Energy(loss, w);
                    next++;
                }
            }
            samples[m] = late;
            energies[m] = energy / mLate;
        });
        var entropy = SimulatedEntropy.Of(samples, d, view, sim.MaxDegreeOfParallelism);
        return new SimulatedState(MemberJackknife.Mean(energies), entropy, samples, steps, view, (steps - steps / 2) / mLate);
    }

    /// <summary>E on other data of an already sampled state (a state trained on D1 facing D2): mean
    /// U_D2 over its samples, SE over members.</summary>
    public static Estimate EnergyOn(LinearData data, IEnergyForm loss, SimulatedState state, SimulationSetting sim)
    {
        int d = data.Dimension, k = state.Samples.Length;
        var energies = new double[k];
        ForEachMember(k, sim, m =>
        {
            var s = state.Samples[m];
            int count = s.Length / d;
            double e = 0;
            for (int r = 0; r < count; r++) e += data.Energy(loss, s.AsSpan(r * d, d));
            energies[m] = e / count;
        });
        return Estimate.MeanOf(energies);
    }

    /// <summary>Runs <paramref name="body"/> for members 0..k−1 in parallel; a member's KelvinException
    /// (e.g. a diverging run) surfaces as itself, not wrapped.</summary>
    private static void ForEachMember(int k, SimulationSetting sim, Action<int> body)
    {
        try { Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = sim.MaxDegreeOfParallelism }, body); }
        catch (AggregateException e) when (e.InnerExceptions.OfType<KelvinException>().FirstOrDefault() is { } first)
        { throw new KelvinException(first.Message, e); }
    }
}
