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
/// cores), so memory is about 16 bytes per weight of the layers in flight, not the model — except
/// large bf16/f16 tensors under a spacing estimator (vasicek, ebrahimi), which are read in chunks into
/// a histogram of their 2¹⁶ bit patterns (an exact counting sort) and estimated by
/// <see cref="CountedSpacingEntropy"/> in a few MB, with the same result. Each layer's number depends
/// only on its own values, so results are identical on any thread count.
/// </summary>
public static class CheckpointEntropy
{
    /// <summary>The particle-view entropy of every weight of <paramref name="checkpoint"/> (chosen by
    /// <paramref name="selection"/>), in file order, estimated by <paramref name="estimator"/> on at most
    /// <paramref name="maxParallelism"/> workers (0: cores), leaving out the names in
    /// <paramref name="leaveOut"/> (duplicates of another weight, see <see cref="DuplicateTensors"/>).</summary>
    public static StateEntropy OfLayers(CheckpointFile checkpoint, ParameterSelection selection, IEntropyEstimator estimator, int maxParallelism = 0,
        IReadOnlySet<string>? leaveOut = null)
    {
        var weights = selection.Weights(checkpoint).Where(w => leaveOut is null || !leaveOut.Contains(w.Name)).ToList();
        var results = new LayerEntropy[weights.Count];
        var errors = new Exception?[weights.Count];
        var gate = new object();
        int workers = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.For(0, weights.Count, options, i =>
        {
            try
            {
                results[i] = Streams(checkpoint, weights[i], estimator) is { } weight
                    ? Streamed(checkpoint, weights[i], weight, estimator.Name, gate)
                    : Whole(checkpoint, weights[i], estimator, gate);
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

    /// <summary>Tensors of at least this many 16-bit values go through the counting sort.</summary>
    internal const long StreamingThreshold = 1 << 22;

    /// <summary>The spacing estimator's window weight when <paramref name="tensor"/> is a large 16-bit
    /// tensor of a random-access file, read in chunks into a histogram of its bit patterns
    /// (<see cref="CountedSpacingEntropy"/>: the same number, a few MB of memory); else null.</summary>
    private static SpacingEntropy.WindowWeight? Streams(CheckpointFile checkpoint, CheckpointTensor tensor, IEntropyEstimator estimator) =>
        tensor.DType is TensorDType.BFloat16 or TensorDType.Float16 && tensor.Count >= StreamingThreshold && checkpoint.CanReadRanges
            ? SpacingEntropy.WeightOf(estimator) : null;

    private static LayerEntropy Whole(CheckpointFile checkpoint, CheckpointTensor tensor, IEntropyEstimator estimator, object gate)
    {
        var values = new double[tensor.Count];
        lock (gate) checkpoint.ReadValues(tensor, values);
        return Own(tensor, values, estimator);
    }

    /// <summary>S_l = n_l · h of a 16-bit tensor from the counts of its 2¹⁶ bit patterns.</summary>
    internal static LayerEntropy Streamed(CheckpointFile checkpoint, CheckpointTensor tensor, SpacingEntropy.WindowWeight weight, string estimatorName, object gate)
    {
        var counts = new long[1 << 16];
        var chunk = new double[(int)Math.Min(tensor.Count, 1 << 20)];
        bool bf16 = tensor.DType == TensorDType.BFloat16;
        for (long start = 0; start < tensor.Count; start += chunk.Length)
        {
            var part = chunk.AsSpan(0, (int)Math.Min(chunk.Length, tensor.Count - start));
            lock (gate) checkpoint.ReadRange(tensor, start, part);
            for (int j = 0; j < part.Length; j++)
            {
                double v = part[j];
                if (!double.IsFinite(v))
                    throw new KelvinException($"layer '{tensor.Name}': weight {start + j} is {v} (a diverged or corrupt checkpoint)");
                if (v == 0) v = 0.0; // −0.0 counts as +0.0, as SortedSample stores it
                counts[bf16 ? (int)(BitConverter.SingleToUInt32Bits((float)v) >> 16) : BitConverter.HalfToUInt16Bits((Half)v)]++;
            }
        }
        if (tensor.Count < 2) throw new KelvinException($"layer '{tensor.Name}' has {tensor.Count} weight; entropy needs at least 2 (see --exclude)");
        var distinct = new List<(double Value, long Count)>();
        for (int b = 0; b < counts.Length; b++)
            if (counts[b] > 0)
                distinct.Add((bf16 ? BitConverter.UInt32BitsToSingle((uint)b << 16) : (double)BitConverter.UInt16BitsToHalf((ushort)b), counts[b]));
        distinct.Sort((x, y) => x.Value.CompareTo(y.Value));
        var values = distinct.Select(d => d.Value).ToArray();
        var weights = distinct.Select(d => d.Count).ToArray();
        try
        {
            var (h, ties) = CountedSpacingEntropy.Estimate(values, weights, weight, estimatorName);
            int n = (int)tensor.Count;
            return new LayerEntropy(tensor.Name, n, 1, h is double x ? n * x : null, ties);
        }
        catch (KelvinException e)
        {
            throw new KelvinException($"layer '{tensor.Name}': {e.Message}", e);
        }
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
