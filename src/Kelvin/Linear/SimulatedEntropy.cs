using Kelvin.Entropy;
using Kelvin.Thermodynamics;
using MathNet.Numerics;

namespace Kelvin.Linear;

/// <summary>
/// The simulated trained state's entropy in each view (docs/theory.md §2), from K runs' M late iterates each
/// (per member, M·d values, iterate-major). Every result carries its delete-one-member values.
/// <list type="bullet">
/// <item>ensemble: ½ ln det(2πeΣ̂) of the K·M pooled iterates with the Wishart bias removed;</item>
/// <item>particle: at each late iterate m, d·h(the K·d weights of all members at m) by the k-nearest-neighbour
/// estimator (local, so the narrow spikes a trained linear model's pooled weights form around each ŵ_j are
/// resolved, where an m-spacing would straddle them), averaged over the M iterates;</item>
/// <item>thermal: per member, Σ_j ½ ln(2πe·v̂_j) over its M iterates minus the χ² bias
/// (<see cref="StateEntropies.Thermal"/>, shared with the network path), averaged over members.</item>
/// </list>
/// </summary>
public static class SimulatedEntropy
{
    /// <summary>S* in <paramref name="view"/> with delete-one-member values.</summary>
    public static MemberJackknife Of(double[][] samples, int d, EntropyView view, int? maxDegreeOfParallelism = null) => view switch
    {
        EntropyView.Ensemble or EntropyView.EnsembleGaussian => Ensemble(samples, d),
        EntropyView.Particle => Particle(samples, d, maxDegreeOfParallelism),
        EntropyView.Thermal => Thermal(samples, d),
        _ => throw new KelvinException($"the linear model has no '{view.Name()}' view"),
    };

    /// <summary>The Gaussian ensemble view: ½ ln det(2πeΣ̂) of the pooled samples (<see cref="EnsembleState"/>)
    /// minus the Wishart bias ½[Σᵢ₌₁..d ψ((N−i)/2) + d ln(2/(N−1))].</summary>
    public static MemberJackknife Ensemble(double[][] samples, int d)
    {
        int k = samples.Length;
        double EntropyWithout(int skip)
        {
            var rows = new List<double[]>();
            for (int m = 0; m < k; m++)
            {
                if (m == skip) continue;
                for (int r = 0; r < samples[m].Length / d; r++) rows.Add(samples[m][(r * d)..((r + 1) * d)]);
            }
            int total = rows.Count;
            if (total <= d + 1) throw new KelvinException($"{total} samples cannot estimate a {d}×{d} covariance; raise --ensemble");
            var state = EnsembleState.SingleLayer("w", rows, new double[total]);
            double raw = state.Entropy(EntropyView.EnsembleGaussian).Total
                ?? throw new KelvinException("the trained weights have no spread (a point state)");
            double bias = d * Math.Log(2.0 / (total - 1));
            for (int i = 1; i <= d; i++) bias += SpecialFunctions.DiGamma((total - i) / 2.0);
            return raw - 0.5 * bias;
        }
        var loo = new double[k];
        for (int m = 0; m < k; m++) loo[m] = EntropyWithout(m);
        return new MemberJackknife(EntropyWithout(-1), loo);
    }

    /// <summary>The particle view: mean over late iterates of d·h(pooled K·d weights), knn (k = 3).</summary>
    public static MemberJackknife Particle(double[][] samples, int d, int? maxDegreeOfParallelism = null)
    {
        int k = samples.Length, mLate = samples[0].Length / d;
        var estimator = new KnnEntropy();
        double EntropyWithout(int skip)
        {
            double total = 0;
            for (int r = 0; r < mLate; r++)
            {
                var pooled = new double[(skip < 0 ? k : k - 1) * d];
                int at = 0;
                for (int m = 0; m < k; m++)
                {
                    if (m == skip) continue;
                    Array.Copy(samples[m], r * d, pooled, at, d);
                    at += d;
                }
                var layer = StateEntropies.Particle("w", d, pooled.Length / d, pooled, estimator);
                total += layer.Entropy ?? throw new KelvinException("the trained weights have no spread (a point state)");
            }
            return total / mLate;
        }
        var loo = new double[k];
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 }, m => loo[m] = EntropyWithout(m));
        return new MemberJackknife(EntropyWithout(-1), loo);
    }

    /// <summary>The thermal view: mean over members of Σ_j [½ ln(2πe·v̂_j) − b(M)] (<see cref="StateEntropies.Thermal"/>).</summary>
    public static MemberJackknife Thermal(double[][] samples, int d)
    {
        int k = samples.Length;
        var perMember = new double[k];
        for (int m = 0; m < k; m++)
        {
            int mLate = samples[m].Length / d;
            var layer = LayerSamples.Of("w", Enumerable.Range(0, mLate).Select(r => samples[m][(r * d)..((r + 1) * d)]));
            perMember[m] = StateEntropies.Thermal(layer).Entropy ?? throw new KelvinException($"member {m}'s late iterates do not move (a point state)");
        }
        return MemberJackknife.Mean(perMember);
    }
}
