using System.Globalization;

namespace Kelvin.Networks.Optimizers;

/// <summary>Which optimizer to build, as a value: every ensemble member creates its own instance
/// (its own momentum/moment state) from the same settings.</summary>
public sealed record OptimizerSettings(string Kind, double LearningRate, double Momentum = 0)
{
    /// <summary>Plain SGD (optionally with momentum).</summary>
    public static OptimizerSettings Sgd(double learningRate, double momentum = 0) => new("sgd", learningRate, momentum);

    /// <summary>Adam with default β₁, β₂, ε.</summary>
    public static OptimizerSettings Adam(double learningRate) => new("adam", learningRate);

    /// <summary>Parses "sgd", "sgd:0.9" (momentum) or "adam" with the given learning rate.</summary>
    public static OptimizerSettings Parse(string text, double learningRate)
    {
        string[] parts = text.Trim().ToLowerInvariant().Split(':', 2);
        double momentum = 0;
        if (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out momentum))
            throw new KelvinException($"optimizer '{text}': '{parts[1]}' is not a number");
        return parts[0] switch
        {
            "sgd" => Sgd(learningRate, momentum),
            "adam" when parts.Length == 1 => Adam(learningRate),
            _ => throw new KelvinException($"unknown optimizer '{text}': expected sgd, sgd:momentum or adam"),
        };
    }

    /// <summary>A fresh optimizer with these settings (its large updates on all cores).</summary>
    public IOptimizer Create() => Create(null);

    /// <summary>A fresh optimizer with these settings whose updates use the threads
    /// <paramref name="parallelism"/> allows (null: all cores; results do not depend on it).</summary>
    public IOptimizer Create(ParallelOptions? parallelism) => Kind switch
    {
        "sgd" => new Sgd(LearningRate, Momentum) { Parallelism = parallelism },
        "adam" => new Adam(LearningRate) { Parallelism = parallelism },
        _ => throw new KelvinException($"unknown optimizer '{Kind}'"),
    };
}
