namespace Kelvin.Engines;

/// <summary>
/// The heat-engine view of a whole network on evaluation data (docs/theory.md §7): its hidden layers'
/// measurements, the network efficiency η = Σ_l W_l / Σ_l q_l, and its engine type.
/// </summary>
/// <param name="Type">Type A when every hidden activation is Type A (scale-free), else Type B.</param>
/// <param name="Efficiency">η_network = Σ_l W_l / Σ_l q_l over the hidden layers (0 for a network
/// without hidden layers, a pure conductor).</param>
/// <param name="Layers">One measurement per hidden layer, input side first (the linear output layer
/// does no work and is not listed).</param>
/// <param name="TypeBLayers">Names of the hidden layers whose activation is Type B (empty for Type A).</param>
public sealed record NetworkEngineReport(
    EngineType Type,
    double Efficiency,
    IReadOnlyList<LayerEngineMeasurement> Layers,
    IReadOnlyList<string> TypeBLayers);
