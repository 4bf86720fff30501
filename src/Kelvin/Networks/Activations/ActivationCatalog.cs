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

    /// <summary>The activation called <paramref name="text"/>; "leaky_relu(α)" and "elu(α)" take a
    /// parameter, also written "leaky_relu:α".</summary>
    /// <exception cref="KelvinException">for an unknown name or a bad parameter.</exception>
    public static Activation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new KelvinException("empty activation name");
        string t = text.Trim().ToLowerInvariant().Replace('-', '_');
        string name = t;
        double? parameter = null;
        int open = t.IndexOfAny(['(', ':']);
        if (open > 0)
        {
            name = t[..open];
            string arg = t[(open + 1)..].TrimEnd(')');
            if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new KelvinException($"activation '{text}': '{arg}' is not a number");
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
