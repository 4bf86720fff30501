namespace Kelvin.Energy;

/// <summary>The energy forms by name: "mse", "mae", "ce".</summary>
public static class EnergyForms
{
    /// <summary>Every required energy form, in docs/theory.md §1's order.</summary>
    public static IReadOnlyList<IEnergyForm> All { get; } = [MeanSquaredError.Instance, MeanAbsoluteError.Instance, CrossEntropy.Instance];

    /// <summary>The default energy form for a task, in the library and the CLI alike: ce for
    /// classification, mse for regression.</summary>
    public static IEnergyForm DefaultFor(Data.TaskKind task) =>
        task == Data.TaskKind.Classification ? CrossEntropy.Instance : MeanSquaredError.Instance;

    /// <summary>The energy form called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KelvinException">for an unknown name.</exception>
    public static IEnergyForm Parse(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new KelvinException($"unknown loss '{name}': expected one of {string.Join(", ", All.Select(e => e.Name))}");
}
