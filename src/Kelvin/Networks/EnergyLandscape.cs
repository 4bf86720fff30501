using Kelvin.Data;
using Kelvin.Energy;

namespace Kelvin.Networks;

/// <summary>
/// The potential energy U_D(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) of one architecture on one fixed dataset,
/// as a function of an arbitrary parameter vector θ (laid out like <see cref="Mlp.Parameters"/>):
/// what the loss change allocation (docs/theory.md §6) evaluates at the ends and midpoint of every step.
/// Holds its own scratch network: one instance per thread.
/// </summary>
public sealed class EnergyLandscape
{
    private readonly Mlp _scratch;

    /// <summary>U_D for networks of <paramref name="architecture"/> on <paramref name="data"/> under <paramref name="form"/>.</summary>
    public EnergyLandscape(MlpArchitecture architecture, Dataset data, IEnergyForm form, ParallelOptions? parallelism = null)
    {
        _scratch = new Mlp(architecture) { Parallelism = parallelism };
        if (data.FeatureCount != architecture.InputSize || data.Outputs != architecture.OutputSize)
            throw new KelvinException($"dataset '{data.Name}' ({data.FeatureCount} features, {data.Outputs} targets) does not fit a {architecture} network");
        Data = data; Form = form;
    }

    /// <summary>D.</summary>
    public Dataset Data { get; }
    /// <summary>ℓ.</summary>
    public IEnergyForm Form { get; }
    /// <summary>Length of θ.</summary>
    public int ParameterCount => _scratch.ParameterCount;

    /// <summary>U_D(θ).</summary>
    public double Energy(ReadOnlySpan<float> parameters)
    {
        _scratch.SetParameters(parameters);
        return _scratch.Energy(Data, Form);
    }

    /// <summary>U_D(θ), with ∇U_D(θ) written into <paramref name="gradient"/>.</summary>
    public double EnergyAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        _scratch.SetParameters(parameters);
        return _scratch.EnergyAndGradient(Data, Form, gradient);
    }
}
