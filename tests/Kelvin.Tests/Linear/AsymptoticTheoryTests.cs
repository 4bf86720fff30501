using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Linear;
using Kelvin.Thermodynamics;
using Xunit.Abstractions;

namespace Kelvin.Tests.Linear;

/// <summary>The asymptotic T_I of every (loss, init) cell in every view against the analytic T_I of a
/// large isotropic teacher, and docs/theory.md §2's particle formula for mse with a normal init.</summary>
public class AsymptoticTheoryTests(ITestOutputHelper output)
{
    /// <summary>Ensemble and thermal views: the SGD-stationary width c·η/B; d = 20, n = 5000 (the O(η·tr H/B)
    /// multiplicative-noise and finite-n terms the limit drops are a few per cent here).</summary>
    [Theory]
    [MemberData(nameof(LinearExperimentTests.Cells), MemberType = typeof(LinearExperimentTests))]
    public void AsymptoticApproachesTheAnalyticValueOfALargeTeacher(string lossName, string init)
    {
        var loss = EnergyForms.Parse(lossName);
        bool ce = loss is CrossEntropy;
        var spec = new TeacherSpec(20, 5000, 1.0, ce ? 1.0 : 0.5, ce ? LinearTask.Classification : LinearTask.Regression, Seed: 3);
        var data = Teacher.Draw(spec).Data;
        var setting = new LinearSetting(loss, LinearTestData.Init(init), 0.01, 8, LyapunovForm.Discrete);
        var trained = TrainedState.Of(data, loss, setting.LearningRate, setting.Batch, setting.Form);
        foreach (var view in new[] { EntropyView.Ensemble, EntropyView.Thermal })
        {
            double analytic = LinearTheory.Analyze(data, setting, view, trained).Temperature.Value!.Value;
            double asymptotic = AsymptoticTheory.Temperature(spec, setting, view)!.Value.Value!.Value;
            output.WriteLine($"{lossName}/{init} {view.Name()}: analytic {analytic:G5}, asymptotic {asymptotic:G5} ({asymptotic / analytic - 1:P2})");
            Assert.True(Math.Abs(asymptotic / analytic - 1) < 0.05, $"{view.Name()}: analytic {analytic}, asymptotic {asymptotic}");
        }
    }

    /// <summary>Particle view, mse: the pooled trained weights are d spikes N(ŵ_j, Σ_jj); they merge into
    /// N(0, ρ_eff²) once they overlap (d·√Σ_jj ≫ ρ_eff): d = 200, s = 2 (spike width 0.08).</summary>
    [Theory]
    [InlineData("normal")]
    [InlineData("uniform")]
    [InlineData("mixed")]
    public void ParticleAsymptoticApproachesTheAnalyticValueWhenTheSpikesMerge(string init)
    {
        var spec = new TeacherSpec(200, 4000, 1.0, 2.0, LinearTask.Regression, Seed: 3);
        var data = Teacher.Draw(spec).Data;
        var setting = new LinearSetting(MeanSquaredError.Instance, LinearTestData.Init(init), 0.01, 8, LyapunovForm.Discrete);
        double analytic = LinearTheory.Analyze(data, setting, EntropyView.Particle).Temperature.Value!.Value;
        double asymptotic = AsymptoticTheory.Temperature(spec, setting, EntropyView.Particle)!.Value.Value!.Value;
        output.WriteLine($"mse/{init} particle: analytic {analytic:G5}, asymptotic {asymptotic:G5} ({asymptotic / analytic - 1:P2})");
        Assert.True(analytic < 0 && asymptotic < 0, "ρ_eff > σ: training spreads the weights, T < 0");
        Assert.True(Math.Abs(asymptotic / analytic - 1) < 0.06, $"analytic {analytic}, asymptotic {asymptotic}");
    }

    [Fact]
    public void MseNormalParticleIsTheoryFormula()
    {
        var spec = new TeacherSpec(100, 5000, 0.8, 0.5, LinearTask.Regression);
        var setting = new LinearSetting(MeanSquaredError.Instance, new Normal(0, 0.4), 0.01, 8);
        double rhoEff2 = 0.8 + 0.25 / 5000;
        double expected = -2 * (0.8 + 0.16) / Math.Log(rhoEff2 / 0.16);
        Assert.Equal(expected, AsymptoticTheory.Temperature(spec, setting, EntropyView.Particle)!.Value.Value!.Value, 1e-12);
        // the ensemble view is docs/theory.md §5's 2(ρ² + σ²)/ln(σ²B/(ηs²))
        Assert.Equal(LinearTheory.AsymptoticMseTemperature(0.8, 0.5, 0.4, 0.01, 8),
                     AsymptoticTheory.Temperature(spec, setting, EntropyView.Ensemble)!.Value.Value!.Value, 1e-12);
        // isentropic at σ = ρ_eff in the particle view
        var flip = setting with { Init = new Normal(0, Math.Sqrt(rhoEff2)) };
        Assert.Equal(Regime.Isentropic, AsymptoticTheory.Temperature(spec, flip, EntropyView.Particle)!.Value.Regime);
    }
}
