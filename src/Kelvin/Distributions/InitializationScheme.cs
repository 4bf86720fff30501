using System.Globalization;

namespace Kelvin.Distributions;

/// <summary>
/// An initialization as a configuration: a scheme name with optional parameters, turned into a
/// per-weight distribution for a layer of given fan-in and fan-out. Text forms (command line):
/// <c>normal[:σ]</c>, <c>uniform[:a]</c>, <c>mixed[:π,σ,a]</c>, and
/// <c>xavier-normal|xavier-uniform|he-normal|he-uniform|lecun-normal|lecun-uniform[:gain]</c>.
/// A layer-wise mix is a list of schemes, one per layer.
/// </summary>
public sealed record InitializationScheme(string Name, IReadOnlyList<double> Parameters)
{
    /// <summary>Every scheme name, for help texts and errors.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["normal", "uniform", "mixed", "xavier-normal", "xavier-uniform", "he-normal", "he-uniform", "lecun-normal", "lecun-uniform"];

    /// <summary>Parses e.g. "he-normal", "normal:0.5", "mixed:0.5,0.5,0.8" (see the type's summary).</summary>
    /// <exception cref="KelvinException">for an unknown name or bad parameters.</exception>
    public static InitializationScheme Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new KelvinException("empty initialization scheme");
        string[] parts = text.Trim().ToLowerInvariant().Split(':', 2);
        string name = parts[0].Replace('_', '-');
        if (!Names.Contains(name))
            throw new KelvinException($"unknown initialization '{text}': expected one of {string.Join(", ", Names)}");
        var parameters = new List<double>();
        if (parts.Length == 2)
        {
            foreach (string p in parts[1].Split(',', StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new KelvinException($"initialization '{text}': '{p}' is not a number");
                parameters.Add(v);
            }
        }
        int expected = name switch { "normal" or "uniform" => 1, "mixed" => 3, _ => 1 };
        if (parameters.Count != 0 && parameters.Count != expected)
            throw new KelvinException($"initialization '{name}' takes {expected} parameter(s), got {parameters.Count}");
        return new InitializationScheme(name, parameters);
    }

    /// <summary>Parses a comma-free, slash-separated layer-wise list such as "he-normal/he-normal/xavier-normal".</summary>
    public static IReadOnlyList<InitializationScheme> ParseLayerwise(string text) =>
        text.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    /// <summary>The per-weight distribution for a layer with <paramref name="fanIn"/> inputs and
    /// <paramref name="fanOut"/> outputs. Plain <c>normal</c>, <c>uniform</c> and <c>mixed</c> without
    /// parameters default to LeCun's variance 1/fan_in (mixed: π = ½, σ² = a²/3 = 1/fan_in).</summary>
    public IUnivariateDistribution ForLayer(int fanIn, int fanOut)
    {
        double P(int i, double fallback) => Parameters.Count > i ? Parameters[i] : fallback;
        double lecunSigma = Math.Sqrt(Initializers.LeCunVariance(fanIn));
        return Name switch
        {
            "normal" => new Normal(0, P(0, lecunSigma)),
            "uniform" => Distributions.Uniform.Symmetric(P(0, Math.Sqrt(3) * lecunSigma)),
            "mixed" => new Mixed(P(0, 0.5), P(1, lecunSigma), P(2, Math.Sqrt(3) * lecunSigma)),
            "xavier-normal" => Initializers.XavierNormal(fanIn, fanOut, P(0, 1)),
            "xavier-uniform" => Initializers.XavierUniform(fanIn, fanOut, P(0, 1)),
            "he-normal" => Initializers.HeNormal(fanIn, P(0, 1)),
            "he-uniform" => Initializers.HeUniform(fanIn, P(0, 1)),
            "lecun-normal" => Initializers.LeCunNormal(fanIn, P(0, 1)),
            "lecun-uniform" => Initializers.LeCunUniform(fanIn, P(0, 1)),
            _ => throw new KelvinException($"unknown initialization '{Name}'"),
        };
    }

    /// <summary>Normal(0, σ²) for every layer; without σ, LeCun's variance 1/fan_in.</summary>
    public static InitializationScheme Normal(double? sigma = null) => Of("normal", sigma);
    /// <summary>Uniform(−a, a) for every layer; without a, LeCun's variance 1/fan_in.</summary>
    public static InitializationScheme Uniform(double? a = null) => Of("uniform", a);
    /// <summary>The per-weight mixture π·Normal(0, σ²) + (1 − π)·Uniform(−a, a).</summary>
    public static InitializationScheme Mixed(double pi, double sigma, double a) => new("mixed", [pi, sigma, a]);
    /// <summary>Xavier/Glorot normal, Var = g²·2/(fan_in + fan_out).</summary>
    public static InitializationScheme XavierNormal(double gain = 1) => new("xavier-normal", [gain]);
    /// <summary>Xavier/Glorot uniform, Var = g²·2/(fan_in + fan_out).</summary>
    public static InitializationScheme XavierUniform(double gain = 1) => new("xavier-uniform", [gain]);
    /// <summary>He/Kaiming normal, Var = g²·2/fan_in.</summary>
    public static InitializationScheme HeNormal(double gain = 1) => new("he-normal", [gain]);
    /// <summary>He/Kaiming uniform, Var = g²·2/fan_in.</summary>
    public static InitializationScheme HeUniform(double gain = 1) => new("he-uniform", [gain]);
    /// <summary>LeCun normal, Var = g²/fan_in.</summary>
    public static InitializationScheme LeCunNormal(double gain = 1) => new("lecun-normal", [gain]);
    /// <summary>LeCun uniform, Var = g²/fan_in.</summary>
    public static InitializationScheme LeCunUniform(double gain = 1) => new("lecun-uniform", [gain]);

    private static InitializationScheme Of(string name, double? parameter) => new(name, parameter is double p ? [p] : []);

    /// <summary>A fixed distribution as a scheme (the same for every layer): Normal(0, σ²) is
    /// <c>normal:σ</c>, so <c>Initializers.HeNormal(fanIn)</c> can stand where a scheme is expected.</summary>
    /// <exception cref="KelvinException">for a nonzero mean (initializations are centred).</exception>
    public static implicit operator InitializationScheme(Normal distribution) =>
        distribution.Mu == 0 ? new("normal", [distribution.Sigma]) : throw new KelvinException($"an initialization is centred; {distribution.Description} has mean {distribution.Mu}");

    /// <summary>A fixed Uniform(−a, a) as the scheme <c>uniform:a</c>.</summary>
    /// <exception cref="KelvinException">for an interval not centred on 0.</exception>
    public static implicit operator InitializationScheme(Uniform distribution) =>
        distribution.Lower == -distribution.Upper ? new("uniform", [distribution.Upper]) : throw new KelvinException($"an initialization is centred; {distribution.Description} is not");

    /// <summary>A fixed mixture as the scheme <c>mixed:π,σ,a</c>.</summary>
    public static implicit operator InitializationScheme(Mixed distribution) => new("mixed", [distribution.Pi, distribution.Sigma, distribution.A]);

    public override string ToString() =>
        Parameters.Count == 0 ? Name : $"{Name}:{string.Join(",", Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}";
}
