using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Bench.Compare;

/// <summary>
/// Entropy of <c>--n</c> Normal(0, 1) samples from the raw values (validation, sort and estimate
/// included, as scipy.stats.differential_entropy does): vasicek and knn; and the per-layer case,
/// <c>--layers</c> samples of <c>--layer-size</c> values (vasicek, layers in parallel).
/// </summary>
public static class EntropyComparison
{
    public static Dictionary<string, object> Run(CompareOptions o)
    {
        int n = o.Int("n", 10_000_000), layers = o.Int("layers", 100), size = o.Int("layer-size", 100_000);
        var x = new Normal(0, 1).Samples(new Rng(1), n);
        var perLayer = Enumerable.Range(0, layers).Select(l => new Normal(0, 1).Samples(new Rng(2, (ulong)l), size)).ToArray();
        double vasicek = 0, knn = 0;
        // The first few 10⁷-value sorts run while the GC heap grows to its working size (fresh pages,
        // full collections): about 2× slower. Warm up until it has, so each row sees the steady state.
        for (int w = 0; w < 3; w++) SortedSample.From(x);
        var tv = Timing.Seconds(o.Reps, () => vasicek = new VasicekEntropy().Estimate(SortedSample.From(x)));
        var tk = Timing.Seconds(o.Reps, () => knn = new KnnEntropy().Estimate(SortedSample.From(x)));
        var tl = Timing.Seconds(o.Reps, () => LayerEntropies.Estimate(new VasicekEntropy(), perLayer));
        return new Dictionary<string, object>
        {
            ["n"] = n, ["layers"] = layers, ["layer_size"] = size,
            ["vasicek_s"] = Timing.Median(tv), ["knn_s"] = Timing.Median(tk), ["per_layer_vasicek_s"] = Timing.Median(tl),
            ["vasicek"] = vasicek, ["knn"] = knn,
        };
    }
}
