using Kelvin.Energy;
using Kelvin.Networks.Optimizers;

namespace Kelvin.Networks.Training;

/// <summary>How to train: minibatch SGD-style training of U_D (docs/theory.md §4, the trained state).</summary>
public sealed record TrainingOptions
{
    /// <summary>The energy form ℓ (mse, mae, ce); null (the default) picks the one for the data's task,
    /// as the command line does: ce for classification, mse for regression (<see cref="EnergyFor"/>).</summary>
    public IEnergyForm? Energy { get; init; }

    /// <summary>The energy form used on data of <paramref name="task"/>: <see cref="Energy"/>, or the task's default.</summary>
    public IEnergyForm EnergyFor(Data.TaskKind task) => Energy ?? EnergyForms.DefaultFor(task);
    /// <summary>Optimizer and learning rate; each member builds its own instance.</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Sgd(0.01);
    /// <summary>Minibatch size B (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Passes over the data.</summary>
    public int Epochs { get; init; } = 1;
    /// <summary>Stop after this many updates even within an epoch (null: run all epochs).</summary>
    public long? MaxSteps { get; init; }
    /// <summary>Master seed: member k shuffles epoch e with <see cref="TrainingStreams.Shuffling"/>.</summary>
    public ulong Seed { get; init; }
    /// <summary>The hook runs at step 0, after every k-th update, and after the last one.</summary>
    public int HookInterval { get; init; } = 1;

    internal void Validate()
    {
        if (BatchSize < 1) throw new KelvinException($"batch size must be at least 1, got {BatchSize}");
        if (Epochs < 1) throw new KelvinException($"epochs must be at least 1, got {Epochs}");
        if (HookInterval < 1) throw new KelvinException($"hook interval must be at least 1, got {HookInterval}");
        if (MaxSteps is < 1) throw new KelvinException($"max steps must be at least 1, got {MaxSteps}");
    }
}
