using Kelvin.Checkpoints;

namespace Kelvin.Tests.Checkpoints;

public class ParameterSelectionTests
{
    private static CheckpointTensor T(string name, params long[] shape) => new(name, shape, TensorDType.Float32);

    [Theory]
    [InlineData("fc1.weight", true, "16,8")]
    [InlineData("conv1.weight", true, "8,3,3,3")]
    [InlineData("embed.weight", true, "100,16")]
    [InlineData("fc1.bias", false, "16")]
    [InlineData("bn1.weight", false, "16")]
    [InlineData("bn1.running_mean", false, "16")]
    [InlineData("layer_norm.weight", false, "16")]
    [InlineData("encoder.ln_1.weight", false, "16,16")]
    [InlineData("block.bn2.weight", false, "16,16")]
    [InlineData("attn.c_attn.bias", false, "16,16")]
    [InlineData("logit_scale", false, "")]
    public void Default_rule_uses_rank_and_name(string name, bool weight, string shape) =>
        Assert.Equal(weight, ParameterSelection.Default.Classify(T(name, [.. shape.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse)])).IsWeight);

    [Fact]
    public void Include_forces_in_and_exclude_wins()
    {
        var s = new ParameterSelection(["*.bias", "fc3.*"], ["fc3.weight"]);
        Assert.True(s.Classify(T("fc1.bias", 16)).IsWeight);
        Assert.False(s.Classify(T("fc3.weight", 3, 16)).IsWeight);
        Assert.Equal("--exclude fc3.weight", s.Classify(T("fc3.weight", 3, 16)).Reason);
        Assert.True(s.Classify(T("fc1.weight", 16, 8)).IsWeight);
        Assert.False(new ParameterSelection([], ["fc?.weight"]).Classify(T("fc1.weight", 16, 8)).IsWeight);
    }
}
