using System.Text.Json.Serialization;
using Kelvin.Checkpoints.Models;
using Kelvin.Thermodynamics;

namespace Kelvin.Cli.Rendering;

/// <summary>The "model" object of `compare --model --json`.</summary>
internal sealed record ModelJson(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("loss")] string Loss,
    [property: JsonPropertyName("E_before")] double EBefore,
    [property: JsonPropertyName("E_after")] double EAfter,
    [property: JsonPropertyName("kept")] IReadOnlyList<string> Kept,
    [property: JsonPropertyName("step")] double Step,
    [property: JsonPropertyName("intervals")] int Intervals,
    [property: JsonPropertyName("evaluations")] long Evaluations,
    [property: JsonPropertyName("residual")] double Residual,
    [property: JsonPropertyName("relative_residual")] double? RelativeResidual,
    [property: JsonPropertyName("swap_residual")] double SwapResidual,
    [property: JsonPropertyName("layers")] IReadOnlyList<ModelLayerJson> Layers)
{
    public static ModelJson Of(OnnxModel model, ModelEnergy energy, EnergyAllocation a, IReadOnlyList<string> kept, IReadOnlyList<ModelLayerTemperature> layers) =>
        new(model.Name, Path.GetFileName(energy.Data.Source), energy.Data.Count, energy.Loss.Name, a.EnergyBefore, a.EnergyAfter, kept,
            a.Step, a.Intervals, a.Evaluations, a.Residual, a.RelativeResidual, a.SwapResidual,
            [.. layers.Select(l => new ModelLayerJson(l.Name, l.Weights, l.Temperature?.EntropyChange, l.PathChange, l.SwapChange,
                l.Temperature?.Temperature.Value, l.Temperature?.Temperature.Regime.Name(), l.Temperature?.Heated))]);
}

/// <summary>One layer of <see cref="ModelJson"/> (T, regime and heated are null for a layer without weights).</summary>
internal sealed record ModelLayerJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("weights")] IReadOnlyList<string> Weights,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("dE_path")] double DEPath,
    [property: JsonPropertyName("dE_swap")] double DESwap,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string? Regime,
    [property: JsonPropertyName("heated")] bool? Heated);
