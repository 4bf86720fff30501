using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Checkpoints;

/// <summary>
/// The particle-view entropy of a checkpoint (docs/theory.md §2): for each weight tensor l (see
/// <see cref="ParameterSelection"/>), S_l = n_l · h(values of l) computed by
/// as <see cref="StateEntropies.Particle(LayerSamples, IEntropyEstimator)"/> does for one sample, and the global
/// S = Σ_l S_l (<see cref="StateEntropy.Total"/>; null when a layer has no spread, a point).
/// Layers are read one at a time (under a lock on the file), each into its own array that is then
/// sorted in place (plus, with ties, one dequantized copy), and estimated in parallel (workers =
/// cores), so memory is about 16 bytes per weight of the layers in flight, not the model; each
/// layer's number depends only on its own values, so results are identical on any thread count.
/// </summary>
public static class CheckpointEntropy
{
    /// <summary>The particle-view entropy of every weight of <paramref name="checkpoint"/>, in file order.</summary>
    public static StateEntropy OfLayers(CheckpointFile checkpoint, ParameterSelection selection, IEntropyEstimator estimator, int maxParallelism = 0)
    {
        var weights = selection.Weights(checkpoint);
        var results = new LayerEntropy[weights.Count];
        var errors = new Exception?[weights.Count];
        var gate = new object();
        int workers = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.For(0, weights.Count, options, i =>
        {
            try
            {
                var values = new double[weights[i].Count];
                lock (gate) checkpoint.ReadValues(weights[i], values);
                results[i] = Own(weights[i], values, estimator);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        // The first failing layer in file order, whatever the thread count.
        if (errors.FirstOrDefault(e => e is not null) is Exception error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return new StateEntropy(EntropyView.Particle, estimator.Name, results);
    }

    /// <summary>S_l = n_l · h(<paramref name="values"/>) for the layer <paramref name="tensor"/>
    /// (null entropy when all values are equal: a point).</summary>
    public static LayerEntropy Of(CheckpointTensor tensor, ReadOnlySpan<double> values, IEntropyEstimator estimator) =>
        Own(tensor, values.ToArray(), estimator);

    /// <summary><see cref="Of"/> taking ownership of <paramref name="values"/> (sorted in place).</summary>
    private static LayerEntropy Own(CheckpointTensor tensor, double[] values, IEntropyEstimator estimator)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new KelvinException($"layer '{tensor.Name}': weight {i} is {values[i]} (a diverged or corrupt checkpoint)");
        if (values.Length < 2) throw new KelvinException($"layer '{tensor.Name}' has {values.Length} weight; entropy needs at least 2 (see exclude)", "exclude");
        try
        {
            return StateEntropies.Particle(tensor.Name, values.Length, 1, values, estimator);
        }
        catch (KelvinException e)
        {
            throw new KelvinException($"layer '{tensor.Name}': {e.Message}", e);
        }
    }
}
