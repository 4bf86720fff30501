using Kelvin.Data;
using Kelvin.Energy;
using Kelvin.Networks;

namespace Kelvin.Trajectories;

/// <summary>
/// U_D(θ) of an MLP on a fixed evaluation set as an <see cref="ILayeredPotential"/>: one layer per
/// dense layer ("dense1", "dense2", …), each owning its weights and biases. θ is passed in float64
/// and evaluated by the float32 network (<see cref="EnergyLandscape"/>; the energy sums in float64).
/// One instance per thread.
/// </summary>
public sealed class NetworkPotential : ILayeredPotential
{
    private readonly EnergyLandscape _landscape;
    private readonly float[] _theta;
    private readonly float[] _gradient;

    /// <summary>U on <paramref name="evaluation"/> for networks of <paramref name="architecture"/>.</summary>
    public NetworkPotential(MlpArchitecture architecture, Dataset evaluation, IEnergyForm form, ParallelOptions? parallelism = null)
    {
        _landscape = new EnergyLandscape(architecture, evaluation, form, parallelism);
        _theta = new float[architecture.ParameterCount];
        _gradient = new float[architecture.ParameterCount];
        Layers = LayersOf(architecture);
    }

    /// <summary>The layer partition of an MLP's θ = (W₁, b₁, W₂, b₂, …): "dense1" … "denseL".</summary>
    public static IReadOnlyList<LayerSlice> LayersOf(MlpArchitecture architecture)
    {
        var layers = new List<LayerSlice>();
        int offset = 0;
        for (int l = 0; l < architecture.LayerCount; l++)
        {
            int weights = architecture.Widths[l] * architecture.Widths[l + 1];
            int length = weights + architecture.Widths[l + 1];
            layers.Add(new LayerSlice($"dense{l + 1}", offset, length, weights));
            offset += length;
        }
        return layers;
    }

    /// <inheritdoc/>
    public IReadOnlyList<LayerSlice> Layers { get; }

    /// <summary>The size of the evaluation set.</summary>
    public int EvaluationSamples => _landscape.Data.Count;

    /// <inheritdoc/>
    public int ParameterCount => _theta.Length;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        for (int j = 0; j < _theta.Length; j++) _theta[j] = (float)theta[j];
        double u = _landscape.EnergyAndGradient(_theta, _gradient);
        for (int j = 0; j < _gradient.Length; j++) gradient[j] = _gradient[j];
        return u;
    }
}
