using Kelvin.Randomness;

namespace Kelvin.Linear;

/// <summary>The kinds of distribution shift of docs/theory.md §4 (Type II states).</summary>
public enum ShiftKind
{
    /// <summary>New true weights: w₂* = w₁* + size·‖w₁*‖·u, u a random unit vector (features and noise draws kept).</summary>
    Concept,
    /// <summary>Rescaled features: x₂ = size·x, so Σ_x₂ = size²·Σ_x (w*, noise kept).</summary>
    Covariate,
    /// <summary>New noise scale: s₂ = size·s (features, w* and the standard noise draws kept).</summary>
    Noise,
    /// <summary>Classification prior shift: y = sign(w*ᵀx + s·L + size) (labels tilt towards +1).</summary>
    Label,
}

/// <summary>Applies a shift to a teacher, changing exactly one thing (docs/theory.md §4).</summary>
public static class Shift
{
    /// <summary>Parses "concept", "covariate", "noise", "label".</summary>
    public static ShiftKind Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "concept" => ShiftKind.Concept,
        "covariate" => ShiftKind.Covariate,
        "noise" => ShiftKind.Noise,
        "label" or "prior" => ShiftKind.Label,
        _ => throw new KelvinException($"unknown shift '{name}': expected concept, covariate, noise or label"),
    };

    /// <summary>The shifted teacher (same draws, one parameter changed by <paramref name="size"/>).</summary>
    public static Teacher Apply(Teacher teacher, ShiftKind kind, double size)
    {
        if (!double.IsFinite(size)) throw new KelvinException($"shiftSize must be finite (got {size})", "shiftSize");
        switch (kind)
        {
            case ShiftKind.Concept:
            {
                int d = teacher.Spec.D;
                var rng = new Rng(teacher.Spec.Seed, 0x5C1F7);
                var u = new double[d];
                double norm = 0;
                do { norm = 0; for (int j = 0; j < d; j++) { u[j] = rng.NextGaussian(); norm += u[j] * u[j]; } } while (norm == 0);
                double wn = Math.Sqrt(teacher.TrueWeights.Sum(v => v * v));
                double scale = size * (wn > 0 ? wn : Math.Sqrt(d)) / Math.Sqrt(norm);
                return teacher.With(trueWeights: teacher.TrueWeights.Select((v, j) => v + scale * u[j]).ToArray());
            }
            case ShiftKind.Covariate:
                if (!(size > 0)) throw new KelvinException($"a covariate shift needs shiftSize > 0 (the feature scale; got {size})", "shiftSize");
                return teacher.With(featureScale: size);
            case ShiftKind.Noise:
                if (!(size > 0)) throw new KelvinException($"a noise shift needs shiftSize > 0 (the noise factor; got {size})", "shiftSize");
                return teacher.With(noise: teacher.Spec.Noise * size);
            case ShiftKind.Label:
                if (teacher.Spec.Task != LinearTask.Classification) throw new KelvinException("a label (prior) shift needs classification data (energy form ce)", "energy form");
                return teacher.With(labelOffset: size);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
