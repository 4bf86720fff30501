using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Thermodynamics;

public class EnsembleStateTests
{
    /// <summary>K members of a two-layer "network" with i.i.d. initial weights.</summary>
    private static EnsembleState InitialState(int members, int n1, int n2, ulong seed)
    {
        var l1 = new LayerSamples("layer1", n1);
        var l2 = new LayerSamples("layer2", n2);
        var energies = new double[members];
        var d1 = new Normal(0, 0.3);
        var d2 = Uniform.Symmetric(0.5);
        for (int k = 0; k < members; k++)
        {
            var rng = new Rng(seed, (ulong)k);
            l1.Add(d1.Samples(rng, n1));
            var w2 = new float[n2];
            d2.Fill(rng, w2);
            l2.Add(w2);
            energies[k] = 1.0 + 0.01 * k;
        }
        return new EnsembleState([l1, l2], energies);
    }

    [Fact]
    public void EnsembleAndParticleViewsAgreeOnAnIidInitialState()
    {
        var state = InitialState(members: 256, n1: 120, n2: 80, seed: 7);
        var particle = state.Entropy(EntropyView.Particle);
        var ensemble = state.Entropy(EntropyView.Ensemble);
        double exact = 120 * new Normal(0, 0.3).Entropy + 80 * Uniform.Symmetric(0.5).Entropy;
        // Per weight: both views within 0.02 nats of the exact entropy and of each other.
        Assert.InRange((particle.Total!.Value - exact) / 200, -0.01, 0.01);
        Assert.InRange((ensemble.Total!.Value - exact) / 200, -0.02, 0.02);
        for (int l = 0; l < 2; l++)
            Assert.InRange(particle.Layers[l].PerParameter!.Value - ensemble.Layers[l].PerParameter!.Value, -0.02, 0.02);
        Assert.Equal(1.0 + 0.01 * 255 / 2, state.Energy, 12);
    }

    [Fact]
    public void EntropyChangeIsUnitInvariantAndEntropyShiftsByNLnC()
    {
        var a = InitialState(64, 50, 30, seed: 1);
        var b = InitialState(64, 50, 30, seed: 2);
        const double c = 7.5;
        foreach (var view in new[] { EntropyView.Particle, EntropyView.Ensemble })
            foreach (var estimator in EntropyEstimators.All)
            {
                double sa = a.Entropy(view, estimator).Total!.Value, sb = b.Entropy(view, estimator).Total!.Value;
                double sac = a.Scaled(c).Entropy(view, estimator).Total!.Value, sbc = b.Scaled(c).Entropy(view, estimator).Total!.Value;
                Assert.Equal(sa + 80 * Math.Log(c), sac, 1e-8);
                Assert.Equal(sb - sa, sbc - sac, 1e-8);
            }
    }

    [Fact]
    public void GaussianViewMatchesTheExactGaussianEntropy()
    {
        // 3 correlated parameters, N = 4000 samples: ½ ln det(2πe C) within a few 1/√N.
        var rng = new Rng(3);
        const int n = 4000;
        var samples = new List<double[]>();
        for (int s = 0; s < n; s++)
        {
            double z1 = rng.NextGaussian(), z2 = rng.NextGaussian(), z3 = rng.NextGaussian();
            samples.Add([z1, 0.5 * z1 + z2, 2 * z3]);
        }
        var state = EnsembleState.SingleLayer("w", samples, Enumerable.Repeat(0.0, n).ToList());
        double exact = 1.5 * Math.Log(2 * Math.PI * Math.E) + 0.5 * Math.Log(4.0); // det C = 1·1·4
        Assert.Equal(exact, state.Entropy(EntropyView.EnsembleGaussian).Total!.Value, 0.05);
    }

    [Fact]
    public void SameNumbersOnOneThreadAndOnMany()
    {
        var state = InitialState(40, 300, 20, seed: 9);
        foreach (var view in new[] { EntropyView.Particle, EntropyView.Ensemble })
        {
            double one = state.Entropy(view, new VasicekEntropy(), maxDegreeOfParallelism: 1).Total!.Value;
            double many = state.Entropy(view, new VasicekEntropy(), maxDegreeOfParallelism: 8).Total!.Value;
            Assert.Equal(one, many);
        }
    }

    [Fact]
    public void PointStatesAndTooSmallEnsemblesAreReportedClearly()
    {
        var same = Enumerable.Repeat(new[] { 1.0, 2.0 }, 40).ToList();
        var state = EnsembleState.SingleLayer("w", same, Enumerable.Repeat(0.5, 40).ToList());
        Assert.True(state.Entropy(EntropyView.Ensemble).IsPoint);
        Assert.True(state.Thermodynamic(EntropyView.Ensemble).IsPoint);
        var small = InitialState(10, 12, 5, seed: 1);
        var e = Assert.Throws<KelvinException>(() => small.Entropy(EntropyView.Ensemble));
        Assert.Contains("at least 32", e.Message);
        Assert.Throws<KelvinException>(() => small.Entropy(EntropyView.EnsembleGaussian));
        Assert.Throws<KelvinException>(() => new EnsembleState(small.Layers, [1.0]));
    }
}
