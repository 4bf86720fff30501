using Kelvin.Calibration;
using Kelvin.Engines;

namespace Kelvin.Run;

/// <summary>
/// How much work `kelvin run` does in each section: the calibration's Langevin chains, the linear
/// panel's teacher and ensembles, the networks' width, depth, epochs and ensemble members, the shift,
/// and the η(q) scan. <see cref="Default"/> aims at under 60 s on 2 cores (measured: 35 s of CPU time
/// in all), <see cref="Quick"/> at under 20 seconds; both run every section with K = 4 members per
/// network, the fewest that give T ± SE across members (docs/theory.md §2, "Uncertainty").
/// </summary>
/// <param name="Name">"default" or "quick" (or a test's own name).</param>
/// <param name="Calibration">the Boltzmann check (its seed is replaced by the run's seed).</param>
/// <param name="Linear">the nine (loss, init) cells of the linear panel.</param>
/// <param name="Hidden">hidden widths, the same for the relu and the tanh network.</param>
/// <param name="Epochs">passes over the training split, for the training and again for the refresh.</param>
/// <param name="Members">ensemble members K per network.</param>
/// <param name="LearningRate">SGD learning rate η.</param>
/// <param name="Batch">minibatch size B.</param>
/// <param name="CheckpointEvery">a checkpoint (and allocation segment) every k optimizer steps.</param>
/// <param name="EvaluationSize">cap on the fixed evaluation set of the energy.</param>
/// <param name="Shift">the data shift of the refresh: covariate, label, concept or noise.</param>
/// <param name="ShiftSize">its size X (null: the shift's default).</param>
/// <param name="Scan">the signal levels of the η_φ(q) curves.</param>
public sealed record RunProfile(
    string Name,
    CalibrationOptions Calibration,
    LinearPanelSettings Linear,
    IReadOnlyList<int> Hidden,
    int Epochs,
    int Members,
    double LearningRate,
    int Batch,
    int CheckpointEvery,
    int EvaluationSize,
    string Shift,
    double? ShiftSize,
    EfficiencyScan Scan)
{
    /// <summary>The default run: 64-64 networks, 4 members, 15 epochs each phase; K = 64 linear ensembles.</summary>
    public static RunProfile Default { get; } = new(
        "default", new CalibrationOptions(Seeds: 2), new LinearPanelSettings(Dimension: 5, Samples: 4000, Ensemble: 64, LateIterates: 32),
        [64, 64], Epochs: 15, Members: 4, LearningRate: 0.05, Batch: 32, CheckpointEvery: 10, EvaluationSize: 1024,
        Shift: "covariate", ShiftSize: null, Scan: new EfficiencyScan { Points = 49 });

    /// <summary>The quick run: the same sections with 32-32 networks, 4 members, 5 epochs; K = 32 linear
    /// ensembles at η = 0.02 (half the SGD steps to equilibrium of the default η = 0.01).</summary>
    public static RunProfile Quick { get; } = Default with
    {
        Name = "quick",
        Calibration = new CalibrationOptions(Chains: 4, SamplesPerChain: 2000, Seeds: 2),
        Linear = new LinearPanelSettings(Dimension: 5, Samples: 1000, Ensemble: 32, LateIterates: 16, LearningRate: 0.02),
        Hidden = [32, 32], Epochs = 5, Members = 4, EvaluationSize = 512,
        Scan = new EfficiencyScan { Points = 25 },
    };

    /// <summary>Resolves "default" or "quick".</summary>
    public static RunProfile Of(bool quick) => quick ? Quick : Default;
}
