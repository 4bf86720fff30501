using System.Globalization;

namespace Kelvin.Networks.Activations;

/// <summary>The built-in activations by name, e.g. "relu", "leaky_relu(0.1)", "elu(0.5)".</summary>
public static class ActivationCatalog
{
    /// <summary>The names of the built-in activations (parameterized ones with their default).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["identity", "relu", "leaky_relu", "tanh", "sigmoid", "gelu", "silu", "elu", "selu", "softplus", "erf"];

    /// <summary>One instance of every built-in activation (leaky_relu with α = 0.01, elu with α = 1).</summary>
    public static IReadOnlyList<Activation> BuiltIn { get; } = Names.Select(Parse).ToList();

    /// <summary>The largest |α| of leaky_relu(α) and elu(α): beyond it the mean-field integrals and
    /// network activations overflow, so a larger value is refused up front.</summary>
    public const double MaxParameter = 100;

    /// <summary>The activation called <paramref name="text"/>; "leaky_relu(α)" and "elu(α)" take a
    /// parameter, also written "leaky_relu:α".</summary>
    /// <exception cref="KelvinException">for an unknown name or a bad parameter.</exception>
    public static Activation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new KelvinException("empty activation name");
        string t = text.Trim().ToLowerInvariant();
        string name = t.Replace('-', '_');
        double? parameter = null;
        int open = t.IndexOfAny(['(', ':']);
        if (open > 0)
        {
            name = t[..open].Trim().Replace('-', '_'); // "leaky-relu" names leaky_relu; the argument keeps its sign
            string arg = t[(open + 1)..];
            if (t[open] == '(')
            {
                if (!arg.EndsWith(')')) throw new KelvinException($"activation '{text}': missing ')'");
                arg = arg[..^1];
            }
            if (!Numerics.InvariantNumber.TryParse<double>(arg, out double v, out string why))
                throw new KelvinException($"activation '{text}': '{arg}' {why}");
            if (Math.Abs(v) > MaxParameter)
                throw new KelvinException($"activation '{text}': the parameter must lie in [−{MaxParameter}, {MaxParameter}] (got {arg})");
            parameter = v;
        }
        Activation result = name switch
        {
            "identity" or "linear" => new Identity(),
            "relu" => new Relu(),
            "leaky_relu" => new LeakyRelu(parameter ?? 0.01),
            "tanh" => new Tanh(),
            "sigmoid" => new Sigmoid(),
            "gelu" => new Gelu(),
            "silu" or "swish" => new Silu(),
            "elu" => new Elu(parameter ?? 1.0),
            "selu" => new Selu(),
            "softplus" => new Softplus(),
            "erf" => new Erf(),
            _ => throw new KelvinException($"unknown activation '{text}': expected one of {string.Join(", ", Names)}"),
        };
        if (parameter is not null && result is not (LeakyRelu or Elu))
            throw new KelvinException($"activation '{name}' takes no parameter");
        return result;
    }
}
