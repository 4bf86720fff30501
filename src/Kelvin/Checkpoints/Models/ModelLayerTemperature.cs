using Kelvin.Trajectories;

namespace Kelvin.Checkpoints.Models;

/// <summary>
/// One layer (module) of a model between two checkpoints: its energy change by the straight path
/// (<see cref="PathChange"/>) and by swapping (<see cref="SwapChange"/>), the entropy of its weights
/// before and after (the sum over its weight tensors; null when it has none or one is a point), and
/// T_l = ΔE_l/ΔS_l from the straight-path ΔE_l (<see cref="LayerTemperature"/>; null for a layer
/// without weights, e.g. a BatchNorm, which carries energy but no entropy).
/// </summary>
public sealed record ModelLayerTemperature(string Name, IReadOnlyList<string> Weights, double PathChange, double SwapChange, LayerTemperature? Temperature)
{
    /// <summary>The layers of <paramref name="allocation"/> with the entropies of <paramref name="entropies"/>.</summary>
    public static IReadOnlyList<ModelLayerTemperature> Of(EnergyAllocation allocation, IReadOnlyList<LayerEntropyChange> entropies)
    {
        var result = new List<ModelLayerTemperature>();
        for (int l = 0; l < allocation.Layers.Count; l++)
        {
            var layer = allocation.Layers[l];
            var weights = entropies.Where(e => layer.Tensors.Contains(e.Name)).ToList();
            LayerTemperature? t = null;
            if (weights.Count > 0)
            {
                double? before = weights.Aggregate((double?)0, (s, w) => s + w.EntropyBefore);
                double? after = weights.Aggregate((double?)0, (s, w) => s + w.EntropyAfter);
                t = LayerTemperature.Of(layer.Name, allocation.PathChanges[l], before, after, allocation.EnergyBefore, allocation.EnergyAfter);
            }
            result.Add(new ModelLayerTemperature(layer.Name, [.. weights.Select(w => w.Name)], allocation.PathChanges[l], allocation.SwapChanges[l], t));
        }
        return result;
    }
}
