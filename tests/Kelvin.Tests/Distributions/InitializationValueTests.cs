using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Training;
using Kelvin.Randomness;

namespace Kelvin.Tests.Distributions;

public class InitializationValueTests
{
    [Fact]
    public void Schemes_as_values_are_the_schemes_by_name()
    {
        Assert.Equal(InitializationScheme.Parse("he-normal:1").ToString(), InitializationScheme.HeNormal().ToString());
        Assert.Equal(InitializationScheme.Parse("xavier-uniform:2").ToString(), InitializationScheme.XavierUniform(2).ToString());
        Assert.Equal(InitializationScheme.Parse("mixed:0.5,0.1,0.2").ToString(), InitializationScheme.Mixed(0.5, 0.1, 0.2).ToString());
        Assert.Equal(InitializationScheme.Parse("normal").ToString(), InitializationScheme.Normal().ToString());
        var he = InitializationScheme.HeNormal(2).ForLayer(50, 10);
        Assert.Equal(Initializers.HeVariance(50, 2), he.Variance, 12);
    }

    [Fact]
    public void A_distribution_from_Initializers_stands_where_a_scheme_is_expected()
    {
        InitializationScheme fixedHe = Initializers.HeNormal(64);
        Assert.Equal(Initializers.HeVariance(64), fixedHe.ForLayer(3, 7).Variance, 12); // the same for every layer
        InitializationScheme uniform = Initializers.XavierUniform(10, 30);
        Assert.Equal(Initializers.XavierVariance(10, 30), uniform.ForLayer(1, 1).Variance, 12);
        Assert.Throws<KelvinException>(() => { InitializationScheme s = new Normal(1, 1); });

        // One scheme where a layer-wise list is expected.
        var arch = MlpArchitecture.Parse("4-8-3", "relu");
        var a = Mlp.Initialize(arch, InitializationScheme.HeNormal(), new Rng(3));
        var b = Mlp.Initialize(arch, [InitializationScheme.Parse("he-normal")], new Rng(3));
        Assert.Equal(b.Parameters.ToArray(), a.Parameters.ToArray());
    }

    [Fact]
    public void The_default_energy_form_is_the_one_the_command_line_uses()
    {
        var options = new TrainingOptions();
        Assert.Null(options.Energy);
        Assert.Same(CrossEntropy.Instance, options.EnergyFor(Kelvin.Data.TaskKind.Classification));
        Assert.Same(MeanSquaredError.Instance, options.EnergyFor(Kelvin.Data.TaskKind.Regression));
        Assert.Same(MeanAbsoluteError.Instance, (options with { Energy = MeanAbsoluteError.Instance }).EnergyFor(Kelvin.Data.TaskKind.Classification));
    }
}
