using Kelvin.Data;

namespace Kelvin.Networks.Training;

/// <summary>
/// Minibatch training: each epoch visits the samples in a seeded random order (stream
/// <see cref="TrainingStreams.Shuffling"/>), takes consecutive batches of B, computes the batch
/// energy and its gradient, and lets the optimizer update θ in place. Deterministic: the same network,
/// data, options and member index give bit-identical weights on any thread count.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place on <paramref name="data"/>. The hook (e.g. a
    /// trajectory recorder) runs at step 0, after every <see cref="TrainingOptions.HookInterval"/>-th
    /// update and after the last.
    /// </summary>
    /// <exception cref="KelvinException">when the energy becomes NaN or ±∞ (divergence), naming the step.</exception>
    public static TrainingResult Train(Mlp network, Dataset data, TrainingOptions options, int member = 0,
                                       Action<TrainingProgress>? hook = null)
    {
        options.Validate();
        if (data.FeatureCount != network.Architecture.InputSize || data.Outputs != network.Architecture.OutputSize)
            throw new KelvinException($"dataset '{data.Name}' ({data.FeatureCount} features, {data.Outputs} targets) does not fit a {network.Architecture} network");
        int n = data.Count, d = data.FeatureCount, c = data.Outputs;
        int batch = Math.Min(options.BatchSize, n);
        var optimizer = options.Optimizer.Create(network.Parallelism);
        var energy = options.EnergyFor(data.Task);
        var gradient = new float[network.ParameterCount];
        var xb = new float[batch * d];
        var yb = new float[batch * c];
        var order = new int[n];
        var progress = new TrainingProgress(network, member);
        long step = 0, maxSteps = options.MaxSteps ?? long.MaxValue;
        double last = double.NaN;
        hook?.Invoke(progress);

        for (int epoch = 0; epoch < options.Epochs && step < maxSteps; epoch++)
        {
            for (int i = 0; i < n; i++) order[i] = i;
            TrainingStreams.Shuffling(options.Seed, member, epoch).Shuffle<int>(order);
            for (int start = 0; start < n && step < maxSteps; start += batch)
            {
                int rows = Math.Min(batch, n - start);
                for (int r = 0; r < rows; r++)
                {
                    int i = order[start + r];
                    data.Features.AsSpan(i * d, d).CopyTo(xb.AsSpan(r * d, d));
                    data.Targets.AsSpan(i * c, c).CopyTo(yb.AsSpan(r * c, c));
                }
                last = network.EnergyAndGradient(xb.AsSpan(0, rows * d), yb.AsSpan(0, rows * c), rows, energy, gradient);
                if (!double.IsFinite(last))
                    throw new KelvinException($"training diverged at step {step + 1} (epoch {epoch + 1}{(member > 0 ? $", member {member}" : "")}): the {energy.Name} energy became {last}; lower the learning rate");
                optimizer.Step(network.Parameters, gradient);
                step++;
                if (hook is not null && (step % options.HookInterval == 0))
                {
                    progress.Step = step; progress.Epoch = epoch; progress.BatchEnergy = last;
                    progress.IsFinal = step == maxSteps || (epoch == options.Epochs - 1 && start + rows >= n);
                    hook(progress);
                }
            }
            progress.Epoch = epoch;
        }
        if (!network.IsFinite())
            throw new KelvinException($"training diverged at step {step}{(member > 0 ? $" (member {member})" : "")}: a parameter became NaN or ±∞; lower the learning rate");
        if (hook is not null && !progress.IsFinal)
        {
            progress.Step = step; progress.BatchEnergy = last; progress.IsFinal = true;
            hook(progress);
        }
        return new TrainingResult(member, step, last);
    }
}
