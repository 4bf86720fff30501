using Kelvin.Checkpoints;
using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Checkpoints;

public class ComparisonTests
{
    private static CheckpointFile Layer(params float[] values) =>
        CheckpointFixtures.Open(CraftedFiles.Safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[2," + values.Length / 2 + "],\"data_offsets\":[0," + 4 * values.Length + "]}}", CraftedFiles.Floats(values)), "x.safetensors");

    [Fact]
    public void Global_dS_is_the_sum_of_layer_dS_and_T_comes_from_the_transition()
    {
        using var a = CheckpointFixtures.Open("mlp-init.safetensors");
        using var b = CheckpointFixtures.Open("mlp-trained.safetensors");
        var r = CheckpointComparison.Compare(a, b, ParameterSelection.Default, new VasicekEntropy(), CheckpointFixtures.EnergyInit, CheckpointFixtures.EnergyTrained);
        Assert.Equal(r.Layers.Sum(l => l.EntropyChange!.Value), r.EntropyChange!.Value, 1e-9);
        var expected = Transition.Between(CheckpointFixtures.EnergyInit, r.Before.Total!.Value, CheckpointFixtures.EnergyTrained, r.After.Total!.Value);
        Assert.Equal(expected.Temperature, r.Transition!.Temperature);
    }

    [Fact]
    public void A_layer_without_spread_makes_a_point_state()
    {
        using var spread = Layer(0.1f, -0.3f, 0.2f, 0.7f);
        using var collapsed = Layer(0f, 0f, 0f, 0f);
        var r = CheckpointComparison.Compare(spread, collapsed, ParameterSelection.Default, new VasicekEntropy(), 1.0, 0.5);
        Assert.Null(r.Layers.Single().EntropyAfter);
        Assert.Null(r.EntropyChange);
        Assert.Equal(Regime.PointState, r.Transition!.Temperature.Regime);
        Assert.Null(r.Transition.Temperature.Value);
    }
}
