using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Calibration;

/// <summary>How long and how wide to run Langevin chains.</summary>
/// <param name="StepSize">η, the step size.</param>
/// <param name="Chains">Independent chains, each with its own random stream, run in parallel.</param>
/// <param name="BurnIn">Steps discarded at the start of each chain (from θ = 0).</param>
/// <param name="SamplesPerChain">Samples kept per chain.</param>
/// <param name="Thinning">Steps between kept samples.</param>
public sealed record LangevinOptions(double StepSize, int Chains, int BurnIn, int SamplesPerChain, int Thinning)
{
    internal void Validate()
    {
        if (!(StepSize > 0) || !double.IsFinite(StepSize)) throw new KelvinException($"the Langevin step must be > 0 (got {StepSize})");
        if (Chains < 1 || BurnIn < 0 || SamplesPerChain < 1 || Thinning < 1)
            throw new KelvinException($"Langevin needs chains >= 1, burn-in >= 0, samples >= 1, thinning >= 1 (got {Chains}, {BurnIn}, {SamplesPerChain}, {Thinning})");
    }
}

/// <summary>Samples θ (sample-major, chain by chain) with their energies U(θ).</summary>
public sealed record LangevinSamples(double[] Values, int Count, int Dimension, double[] Energies);

/// <summary>
/// Unadjusted Langevin dynamics θ ← θ − η∇U(θ) + √(2ηT)·ξ, ξ ~ N(0, I) (docs/theory.md §2), which samples
/// p(θ) ∝ exp(−U/T) up to the discretization (exactly the shadow potential for a quadratic U).
/// Chain c draws from stream c of the seed and writes its own slots: results are bit-identical on any
/// thread count.
/// </summary>
public static class LangevinSampler
{
    /// <summary>Runs <see cref="LangevinOptions.Chains"/> chains at <paramref name="temperature"/> on <paramref name="potential"/>.</summary>
    public static LangevinSamples Sample(QuadraticPotential potential, double temperature, LangevinOptions options, ulong seed, int? maxDegreeOfParallelism = null)
    {
        options.Validate();
        if (!(temperature > 0) || !double.IsFinite(temperature)) throw new KelvinException($"the temperature must be > 0 (got {temperature})");
        int d = potential.Dimension, perChain = options.SamplesPerChain;
        int count = options.Chains * perChain;
        var values = new double[count * d];
        var energies = new double[count];
        double eta = options.StepSize, noise = Math.Sqrt(2 * eta * temperature);
        LayerEntropies.Map(options.Chains, c =>
        {
            var rng = new Rng(seed, (ulong)c);
            var theta = new double[d];
            var grad = new double[d];
            void Step()
            {
                potential.Gradient(theta, grad);
                for (int i = 0; i < d; i++) theta[i] += -eta * grad[i] + noise * rng.NextGaussian();
            }
            for (int t = 0; t < options.BurnIn; t++) Step();
            for (int s = 0; s < perChain; s++)
            {
                for (int t = 0; t < options.Thinning; t++) Step();
                int slot = c * perChain + s;
                theta.CopyTo(values, slot * d);
                energies[slot] = potential.Energy(theta);
                if (!double.IsFinite(energies[slot]))
                    throw new KelvinException($"Langevin chain {c} diverged (step {eta} too large for the potential)");
            }
            return 0;
        }, maxDegreeOfParallelism);
        return new LangevinSamples(values, count, d, energies);
    }
}
