using Kelvin.Data;
using Kelvin.Data.Shifts;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;
using System.Collections.Concurrent;

namespace Kelvin.Studies;

/// <summary>
/// Runs one study cell with the refresh experiment of `kelvin shift`/`kelvin run`
/// (<see cref="RefreshExperiment"/>): split the dataset by the seed, cut the training split to the
/// fraction f, corrupt its labels with probability p, train an MLP (the training transition T_I),
/// shift the data and refresh (T_II), with every entropy in the settings' view (particle, ensemble with
/// K ≥ 4 members, or thermal over the last 5 checkpoints) and T ± SE within the cell. Deterministic: the same cell gives the same numbers bit for bit.
/// </summary>
public static class CellRunner
{
    private const ulong NoiseStream = 0x401_5E, FractionStream = 0xF4AC;
    private static readonly ConcurrentDictionary<string, Lazy<Dataset>> Loaded = new();

    /// <summary>Runs <paramref name="cell"/>. Cancelling <paramref name="cancel"/> stops it at the
    /// next optimizer checkpoint (an <see cref="OperationCanceledException"/>; nothing is written).</summary>
    public static CellResult Run(StudyCell cell, CancellationToken cancel = default)
    {
        var s = cell.Settings.Validated();
        var view = s.EntropyView;
        cancel.ThrowIfCancellationRequested();

        var data = Loaded.GetOrAdd(s.Dataset, name => new Lazy<Dataset>(() => DatasetCatalog.Load(name))).Value;
        var split = DataSplit.Create(data, cell.Seed);
        var train = WithLabelNoise(Fraction(split.Train, s.TrainFraction, cell.Seed), s.LabelNoise, cell.Seed);
        split = split with { Train = train };

        var act = ActivationCatalog.Parse(s.Activation);
        var widths = new List<int> { train.FeatureCount };
        widths.AddRange(Enumerable.Repeat(s.Width, s.Depth));
        widths.Add(train.Outputs);
        var architecture = new MlpArchitecture(widths, Enumerable.Repeat(act, s.Depth).ToList());
        var init = new InitializationScheme(act is Relu ? "he-normal" : "xavier-normal", [s.InitScale]);
        IEnergyForm loss = train.Task == TaskKind.Classification ? CrossEntropy.Instance : MeanSquaredError.Instance;
        var options = new TrainingOptions
        {
            Energy = loss, Optimizer = OptimizerSettings.Sgd(s.LearningRate), BatchSize = s.Batch,
            Epochs = s.Epochs, Seed = cell.Seed, HookInterval = s.CheckpointEvery,
        };
        var setup = new TrainingSetup(architecture, [init], options, s.Members, s.EvaluationSize);
        var x = RefreshExperiment.Run(setup, split, DataShifts.Create(s.Shift, s.ShiftSize), TransitionSettings.Default with { View = view },
            (_, _) => cancel.ThrowIfCancellationRequested());

        return new CellResult(cell.Key, cell.Seed, s, view.Name(), TestScore.Name(train.Task), x.Score, x.ShiftedScore, x.RefreshedScore,
            Of(x.Training.Global, x.Training.GlobalEstimate), Of(x.Refresh.Global, x.Refresh.GlobalEstimate),
            x.Training.Layers.Select(l => new CellLayer(l.Name, l.EnergyChange, l.EntropyChange, l.Temperature.Value, l.Temperature.Regime.Name(),
                l.Estimate?.StandardError)).ToList());
    }

    /// <summary>The transition's numbers with the SE of its estimate (members' jackknife for K ≥ 2, a
    /// bootstrap over weights for K = 1; null when degenerate) and where that SE comes from.</summary>
    private static CellTransition Of(Transition t, TemperatureEstimate e) =>
        new(t.EnergyChange, t.EntropyChange, t.Temperature.Value, t.Temperature.Regime.Name(), e.StandardError, e.Method.Name());

    /// <summary>round(f·n) samples of <paramref name="train"/> (at least 2·classes or 10), drawn without replacement by the seed, in their original order.</summary>
    internal static Dataset Fraction(Dataset train, double fraction, ulong seed)
    {
        if (fraction >= 1) return train;
        int keep = Math.Max((int)Math.Round(fraction * train.Count, MidpointRounding.AwayFromZero), Math.Max(10, 2 * train.Outputs));
        if (keep >= train.Count) return train;
        var pick = new Rng(seed, FractionStream).Permutation(train.Count).Take(keep).Order().ToList();
        return train.Subset(pick, train.Name);
    }

    /// <summary>Each label replaced with probability p by one of the other C − 1 classes, uniformly
    /// (symmetric label noise); classification only.</summary>
    internal static Dataset WithLabelNoise(Dataset train, double p, ulong seed)
    {
        if (p <= 0) return train;
        if (train.Task != TaskKind.Classification) throw new KelvinException($"label noise needs a classification dataset ('{train.Name}' is a regression)");
        var rng = new Rng(seed, NoiseStream);
        var labels = (int[])train.Labels!.Clone();
        for (int i = 0; i < labels.Length; i++)
        {
            bool flip = rng.NextDouble() < p;
            int other = rng.NextInt(train.Outputs - 1);
            if (flip) labels[i] = other >= labels[i] ? other + 1 : other;
        }
        return Dataset.Classification(train.Name, train.Features, train.Count, train.FeatureCount, labels, train.Outputs, train.FeatureNames, train.ClassNames);
    }
}
