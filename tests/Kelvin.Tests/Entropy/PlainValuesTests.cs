using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Tests.Entropy;

public class PlainValuesTests
{
    [Fact]
    public void Estimators_take_arrays_and_spans_of_float64_and_float32()
    {
        var rng = new Rng(11);
        double[] values = Enumerable.Range(0, 1000).Select(_ => rng.NextGaussian()).ToArray();
        float[] singles = values.Select(v => (float)v).ToArray();
        foreach (var estimator in EntropyEstimators.All)
        {
            double reference = estimator.Estimate(SortedSample.From(values));
            Assert.Equal(reference, estimator.Estimate(values));
            Assert.Equal(reference, estimator.Estimate(values.AsSpan()));
            Assert.Equal(estimator.Estimate(SortedSample.From(singles)), estimator.Estimate(singles));
            Assert.Equal(reference, estimator.Estimate(singles), 4);
        }
    }

    [Fact]
    public void The_entropy_of_a_weight_vector_is_n_times_h()
    {
        var rng = new Rng(12);
        float[] w = Enumerable.Range(0, 5000).Select(_ => (float)(0.1 * rng.NextGaussian())).ToArray();
        double s = WeightEntropy.Of(w);
        Assert.Equal(w.Length * new EbrahimiEntropy().Estimate(w), s);
        // Normal(0, 0.1²): h = ½ ln(2πe·0.01) per weight.
        Assert.Equal(w.Length * 0.5 * Math.Log(2 * Math.PI * Math.E * 0.01), s, w.Length * 0.02);
        Assert.Equal(w.Length * new VasicekEntropy().Estimate(w), WeightEntropy.Of(w, new VasicekEntropy()));
        Assert.Throws<KelvinException>(() => WeightEntropy.Of(new double[] { 1, 1, 1 }));
    }
}
