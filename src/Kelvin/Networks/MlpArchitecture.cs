using Kelvin.Networks.Activations;

namespace Kelvin.Networks;

/// <summary>
/// The shape of a multilayer perceptron: layer widths d₀ (inputs), d₁ … d_{L−1} (hidden), d_L
/// (outputs), and the activation φ_l of each hidden layer. The output layer is linear:
/// f(x) = W_L a_{L−1} + b_L, a_l = φ_l(W_l a_{l−1} + b_l), a₀ = x.
/// </summary>
public sealed class MlpArchitecture
{
    /// <summary>Widths d₀ … d_L and one activation per hidden layer (or a single one for all of them).</summary>
    /// <exception cref="KelvinException">for fewer than two widths, a width below 1, or a wrong number of activations.</exception>
    public MlpArchitecture(IReadOnlyList<int> widths, IReadOnlyList<Activation> hiddenActivations)
    {
        if (widths.Count < 2) throw new KelvinException($"a network needs at least an input and an output width (got {widths.Count})");
        for (int i = 0; i < widths.Count; i++)
            if (widths[i] < 1) throw new KelvinException($"layer width {widths[i]} at position {i + 1} must be at least 1");
        int hidden = widths.Count - 2;
        if (hidden > 0 && hiddenActivations.Count != 1 && hiddenActivations.Count != hidden)
            throw new KelvinException($"{hiddenActivations.Count} activations given for {hidden} hidden layers (give one, or one per hidden layer)");
        if (hidden > 0 && hiddenActivations.Count == 0) throw new KelvinException("hidden layers need an activation");
        Widths = widths.ToArray();
        var activations = new Activation[widths.Count - 1];
        for (int l = 0; l < hidden; l++) activations[l] = hiddenActivations.Count == 1 ? hiddenActivations[0] : hiddenActivations[l];
        activations[^1] = new Identity();
        Activations = activations;
    }

    /// <summary>Parses widths such as "64-128-128-10" and an activation list such as "relu" or "tanh/relu".</summary>
    public static MlpArchitecture Parse(string widths, string activations)
    {
        var w = new List<int>();
        foreach (string part in widths.Split(['-', 'x', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int v)) throw new KelvinException($"layer widths '{widths}': '{part}' is not a whole number");
            w.Add(v);
        }
        var a = activations.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                           .Select(ActivationCatalog.Parse).ToList();
        return new MlpArchitecture(w, a);
    }

    /// <summary>d₀ … d_L.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>φ_1 … φ_L; the last is the identity (linear output).</summary>
    public IReadOnlyList<Activation> Activations { get; }

    /// <summary>L, the number of dense layers.</summary>
    public int LayerCount => Widths.Count - 1;

    /// <summary>d₀.</summary>
    public int InputSize => Widths[0];

    /// <summary>d_L.</summary>
    public int OutputSize => Widths[^1];

    /// <summary>Σ_l d_l·(d_{l−1} + 1), weights and biases.</summary>
    public int ParameterCount
    {
        get
        {
            long n = 0;
            for (int l = 1; l < Widths.Count; l++) n += (long)Widths[l] * (Widths[l - 1] + 1);
            return n <= int.MaxValue ? (int)n : throw new KelvinException($"network too large: {n} parameters");
        }
    }

    /// <summary>Largest width, for scratch buffers.</summary>
    internal int MaxWidth => Widths.Max();

    /// <summary>e.g. "64-128-128-10 relu".</summary>
    public override string ToString() =>
        $"{string.Join("-", Widths)} {string.Join("/", Activations.Take(LayerCount - 1).Select(a => a.Name).Distinct())}".TrimEnd();
}
