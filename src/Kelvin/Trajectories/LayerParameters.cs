namespace Kelvin.Trajectories;

/// <summary>
/// The parameters of one layer at a point θ where a <see cref="Thermometer"/> asks the caller's loss
/// for U(θ) (forward-only loss change allocation): the weights and biases to load into the model
/// before evaluating it on the fixed evaluation set.
/// </summary>
/// <param name="Name">The layer's name, as recorded.</param>
/// <param name="Weights">The weights at θ.</param>
/// <param name="Biases">The biases at θ (empty when the layer was recorded without biases).</param>
public sealed record LayerParameters(string Name, ReadOnlyMemory<double> Weights, ReadOnlyMemory<double> Biases);
