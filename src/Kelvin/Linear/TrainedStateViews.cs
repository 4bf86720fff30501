using Kelvin.Thermodynamics;

namespace Kelvin.Linear;

/// <summary>
/// The trained state's entropy S* in each view (docs/theory.md §2), for the Gaussian trained state N(ŵ, Σ):
/// <list type="bullet">
/// <item>ensemble: the joint Gibbs entropy ½ ln det(2πeΣ);</item>
/// <item>thermal: the diagonal Gaussian of one run's cloud, Σ_j ½ ln(2πe·Σ_jj) (≥ the joint one; equal when Σ is diagonal);</item>
/// <item>particle: d·h(p*), p* = (1/d) Σ_j N(ŵ_j, Σ_jj) the distribution of the pooled weights of the
/// ensemble (every coordinate of every member), h by quadrature (<see cref="GaussianMixtureEntropy"/>).</item>
/// </list>
/// The Type I state has S_I = d·h(ρ) in every view (i.i.d. weights: the views agree, docs/theory.md §2).
/// </summary>
public static class TrainedStateViews
{
    /// <summary>S* of <paramref name="state"/> in <paramref name="view"/>, nats.</summary>
    /// <exception cref="KelvinException">for a view the linear theory does not define (the Gaussian ensemble view is the ensemble view here).</exception>
    public static double Entropy(TrainedState state, EntropyView view)
    {
        var sigma = state.Covariance;
        int d = sigma.RowCount;
        switch (view)
        {
            case EntropyView.Ensemble:
            case EntropyView.EnsembleGaussian:
                return state.Entropy;
            case EntropyView.Thermal:
                double s = 0;
                for (int j = 0; j < d; j++) s += 0.5 * Math.Log(2 * Math.PI * Math.E * sigma[j, j]);
                return s;
            case EntropyView.Particle:
                var w = state.Minimum.Weights;
                return d * GaussianMixtureEntropy.Of(Enumerable.Range(0, d).Select(j => w[j]).ToArray(),
                                                     Enumerable.Range(0, d).Select(j => Math.Sqrt(sigma[j, j])).ToArray());
            default:
                throw new KelvinException($"the linear theory has no '{view.Name()}' view");
        }
    }
}
