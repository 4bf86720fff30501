using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Calibration;

/// <summary>How long and how wide to run Langevin chains.</summary>
/// <param name="StepSize">η, the step size.</param>
/// <param name="Chains">Independent chains, each with its own random stream, run in parallel.</param>
/// <param name="BurnIn">Steps discarded at the start of each chain (from θ = 0).</param>
/// <param name="SamplesPerChain">Samples kept per chain.</param>
/// <param name="Thinning">Steps between kept samples.</param>
/// <param name="MetropolisAdjusted">MALA: accept each Langevin proposal with the Metropolis–Hastings
/// probability, so the chain's stationary law is exactly p ∝ exp(−U/T) (no discretization bias).</param>
public sealed record LangevinOptions(double StepSize, int Chains, int BurnIn, int SamplesPerChain, int Thinning, bool MetropolisAdjusted = false)
{
    internal void Validate()
    {
        if (!(StepSize > 0) || !double.IsFinite(StepSize)) throw new KelvinException($"the Langevin step must be > 0 (got {StepSize})");
        if (Chains < 1 || BurnIn < 0 || SamplesPerChain < 1 || Thinning < 1)
            throw new KelvinException($"Langevin needs chains >= 1, burn-in >= 0, samples >= 1, thinning >= 1 (got {Chains}, {BurnIn}, {SamplesPerChain}, {Thinning})");
    }
}

/// <summary>Samples θ (sample-major, chain by chain) with their energies U(θ), and the fraction of
/// proposals accepted (1 for the unadjusted chain).</summary>
public sealed record LangevinSamples(double[] Values, int Count, int Dimension, double[] Energies, double AcceptanceRate);

/// <summary>
/// Langevin dynamics: the proposal θ′ = θ − η∇U(θ) + √(2ηT)·ξ, ξ ~ N(0, I) (docs/theory.md §2).
/// Unadjusted (ULA) it is always taken, and the chain samples p ∝ exp(−U/T) up to the discretization (for a
/// quadratic U, exactly N(0, T·H̃⁻¹) with H̃ = H(I − ηH/2)). Metropolis-adjusted (MALA) it is accepted with
/// probability min(1, exp(−(U(θ′) − U(θ))/T) · q(θ|θ′)/q(θ′|θ)), q(y|x) ∝ exp(−|y − x + η∇U(x)|²/(4ηT)),
/// which makes p ∝ exp(−U/T) exactly stationary.
/// Chain c draws from stream c of the seed and writes its own slots: results are bit-identical on any
/// thread count.
/// </summary>
public static class LangevinSampler
{
    /// <summary>Runs <see cref="LangevinOptions.Chains"/> chains at <paramref name="temperature"/> on <paramref name="potential"/>.</summary>
    public static LangevinSamples Sample(IPotential potential, double temperature, LangevinOptions options, ulong seed, int? maxDegreeOfParallelism = null)
    {
        options.Validate();
        if (!(temperature > 0) || !double.IsFinite(temperature)) throw new KelvinException($"the temperature must be > 0 (got {temperature})");
        int d = potential.Dimension, perChain = options.SamplesPerChain;
        int count = options.Chains * perChain;
        var values = new double[count * d];
        var energies = new double[count];
        double eta = options.StepSize, noise = Math.Sqrt(2 * eta * temperature);
        long[] accepted = LayerEntropies.Map(options.Chains, c =>
        {
            var rng = new Rng(seed, (ulong)c);
            var theta = new double[d];
            var grad = new double[d];
            var proposal = new double[d];
            var proposalGrad = new double[d];
            double energy = potential.Energy(theta);
            potential.Gradient(theta, grad);
            long taken = 0;
            void Step()
            {
                for (int i = 0; i < d; i++) proposal[i] = theta[i] - eta * grad[i] + noise * rng.NextGaussian();
                double next = options.MetropolisAdjusted ? potential.Energy(proposal) : double.NaN; // ULA: U only where kept
                potential.Gradient(proposal, proposalGrad);
                if (options.MetropolisAdjusted)
                {
                    // ln q(θ|θ′) − ln q(θ′|θ), each −|to − from + η∇U(from)|²/(4ηT)
                    double back = 0, forth = 0;
                    for (int i = 0; i < d; i++)
                    {
                        double b = theta[i] - proposal[i] + eta * proposalGrad[i], f = proposal[i] - theta[i] + eta * grad[i];
                        back += b * b;
                        forth += f * f;
                    }
                    double logRatio = -(next - energy) / temperature - (back - forth) / (4 * eta * temperature);
                    if (!(logRatio >= 0 || Math.Log(rng.NextOpenDouble()) < logRatio)) return;
                }
                (theta, proposal) = (proposal, theta);
                (grad, proposalGrad) = (proposalGrad, grad);
                energy = next;
                taken++;
            }
            for (int t = 0; t < options.BurnIn; t++) Step();
            taken = 0;
            for (int s = 0; s < perChain; s++)
            {
                for (int t = 0; t < options.Thinning; t++) Step();
                int slot = c * perChain + s;
                theta.CopyTo(values, slot * d);
                energies[slot] = options.MetropolisAdjusted ? energy : potential.Energy(theta);
                if (!double.IsFinite(energies[slot]))
                    throw new KelvinException($"Langevin chain {c} diverged (step {eta} too large for the potential)");
            }
            return taken;
        }, maxDegreeOfParallelism);
        double rate = (double)accepted.Sum() / ((long)count * options.Thinning);
        return new LangevinSamples(values, count, d, energies, rate);
    }
}
