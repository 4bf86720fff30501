using System.Runtime.ExceptionServices;
using Kelvin.Entropy;

namespace Kelvin.Checkpoints;

/// <summary>
/// Per-layer particle-view entropies of a checkpoint: for each weight tensor l (see
/// <see cref="ParameterSelection"/>), S_l = n_l · h(values of l), and the global S = Σ_l S_l.
/// Layers are read one at a time (under a lock on the file) and estimated in parallel, so memory is
/// a few layers, not the model; each layer's number depends only on its own values, so results are
/// identical on any thread count.
/// </summary>
public static class CheckpointEntropy
{
    /// <summary>The entropy of every weight of <paramref name="checkpoint"/>, in file order.</summary>
    public static IReadOnlyList<LayerEntropy> OfLayers(Checkpoint checkpoint, ParameterSelection selection, IEntropyEstimator estimator, int maxParallelism = 0)
    {
        var weights = selection.Weights(checkpoint);
        var results = new LayerEntropy[weights.Count];
        var errors = new Exception?[weights.Count];
        var gate = new object();
        int workers = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount;
        long largest = weights.Count == 0 ? 0 : weights.Max(w => w.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        // Each worker reads into one reusable buffer sized for the largest layer.
        Parallel.For(0, weights.Count, options, () => new double[largest], (i, _, buffer) =>
        {
            try
            {
                var values = buffer.AsSpan(0, (int)weights[i].Count);
                lock (gate) checkpoint.ReadValues(weights[i], values);
                results[i] = Of(weights[i], values, estimator);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
            return buffer;
        }, _ => { });
        // The first failing layer in file order, whatever the thread count.
        if (errors.FirstOrDefault(e => e is not null) is Exception error) ExceptionDispatchInfo.Capture(error).Throw();
        return results;
    }

    /// <summary>S_l = n_l · h(<paramref name="values"/>) for the layer <paramref name="tensor"/>.</summary>
    public static LayerEntropy Of(CheckpointTensor tensor, ReadOnlySpan<double> values, IEntropyEstimator estimator)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new KelvinException($"layer '{tensor.Name}': weight {i} is {values[i]} (a diverged or corrupt checkpoint)");
        try
        {
            double h = estimator.Estimate(SortedSample.From(values));
            return new LayerEntropy(tensor.Name, tensor.Shape, tensor.Count, h);
        }
        catch (KelvinException e)
        {
            throw new KelvinException($"layer '{tensor.Name}': {e.Message}", e);
        }
    }

    /// <summary>The global entropy S = Σ_l S_l, in nats.</summary>
    public static double Total(IEnumerable<LayerEntropy> layers) => layers.Sum(l => l.Entropy);
}
