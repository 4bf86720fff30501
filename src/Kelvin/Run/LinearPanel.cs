using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Linear;

namespace Kelvin.Run;

/// <summary>The teacher and ensembles of the linear panel (docs/theory.md §5): d features, n samples, signal
/// ‖w*‖²/d = 1, noise s = 0.5, init σ = 0.5 (uniform a = σ√3, mixed π = ½), SGD η = 0.01, B = 8.</summary>
public sealed record LinearPanelSettings(int Dimension = 5, int Samples = 1000, int Ensemble = 32, int LateIterates = 16,
                                         double Sigma = 0.5, double Noise = 0.5, double LearningRate = 0.01, int Batch = 8);

/// <summary>One (loss, init) cell: its analytic and simulated training transition.</summary>
/// <param name="Loss">mse, mae or ce.</param>
/// <param name="Init">normal, uniform or mixed.</param>
/// <param name="Comparison">T_I analytic vs simulated, with energies, entropies and their agreement.</param>
public sealed record LinearCell(string Loss, string Init, LinearComparison Comparison);

/// <summary>
/// The linear-theory panel of `kelvin run`: T_I = (E_I − E*)/(S_I − S*) analytic vs simulated for the
/// nine cells {mse, mae, ce} × {normal, uniform, mixed}, all on one teacher per task (regression for
/// mse and mae, classification for ce) drawn from the run's seed.
/// </summary>
public static class LinearPanel
{
    /// <summary>The losses of the panel, in row order.</summary>
    public static IReadOnlyList<string> Losses { get; } = ["mse", "mae", "ce"];

    /// <summary>The initializations of the panel, in column order.</summary>
    public static IReadOnlyList<string> Inits { get; } = ["normal", "uniform", "mixed"];

    /// <summary>Runs the nine cells; <paramref name="cellDone"/> is told after each (cells done, 9).</summary>
    public static IReadOnlyList<LinearCell> Run(LinearPanelSettings s, ulong seed, Action<int, int>? cellDone = null)
    {
        var cells = new List<LinearCell>();
        var teachers = new Dictionary<LinearTask, Teacher>();
        var sim = new SimulationSetting(s.Ensemble, null, s.LateIterates, seed);
        foreach (string loss in Losses)
        {
            var energy = EnergyForms.Parse(loss);
            var task = energy is CrossEntropy ? LinearTask.Classification : LinearTask.Regression;
            if (!teachers.TryGetValue(task, out var teacher))
                teachers[task] = teacher = Teacher.Draw(new TeacherSpec(s.Dimension, s.Samples, 1.0, s.Noise, task, Seed: seed));
            foreach (string init in Inits)
            {
                var setting = new LinearSetting(energy, Distribution(init, s.Sigma), s.LearningRate, s.Batch);
                cells.Add(new LinearCell(loss, init, LinearExperiment.Run(teacher.Data, setting, sim)));
                cellDone?.Invoke(cells.Count, Losses.Count * Inits.Count);
            }
        }
        return cells;
    }

    /// <summary>Normal(0, σ²), Uniform(−σ√3, σ√3) (the same variance) or the Mixed ½·N + ½·U of both.</summary>
    private static IUnivariateDistribution Distribution(string init, double sigma) => init switch
    {
        "normal" => new Normal(0, sigma),
        "uniform" => Uniform.Symmetric(sigma * Math.Sqrt(3)),
        _ => new Mixed(0.5, sigma, sigma * Math.Sqrt(3)),
    };
}
