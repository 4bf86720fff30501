using Kelvin.Energy;
using Kelvin.Linear;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Linear;

/// <summary>The cells' settings (checked in every view by <see cref="LinearViewTests"/>), determinism, refresh and sweeps.</summary>
public class LinearExperimentTests
{
    internal static LinearComparison RunCell(string lossName, string init, int threads = -1, int ensemble = 96, ulong seed = 1)
    {
        var loss = EnergyForms.Parse(lossName);
        // ce: logistic scale 1 and η = 0.05 keep λ_min(H) large enough for a few thousand SGD steps (at scale 0.5
        // and η = 0.01 the automatic 40 relaxation times are 2·10⁵ steps: the acceptance script's job).
        bool ce = lossName == "ce";
        var teacher = ce ? LinearTestData.Classification(3, 2000, noise: 1.0) : LinearTestData.Regression(3, 2000);
        var setting = new LinearSetting(loss, LinearTestData.Init(init), ce ? 0.05 : 0.01, 8);
        var sim = new SimulationSetting(ensemble, null, 16, seed, MaxDegreeOfParallelism: threads);
        return LinearExperiment.Run(teacher.Data, setting, sim);
    }

    public static TheoryData<string, string> Cells()
    {
        var t = new TheoryData<string, string>();
        foreach (var loss in new[] { "mse", "mae", "ce" })
            foreach (var init in new[] { "normal", "uniform", "mixed" })
                t.Add(loss, init);
        return t;
    }

    [Fact]
    public void SameSeedSameNumbersOnOneThreadAndMany()
    {
        var one = RunCell("ce", "mixed", threads: 1, ensemble: 16);
        var many = RunCell("ce", "mixed", threads: 8, ensemble: 16);
        Assert.Equal(one.Simulated.Initial.Energy, many.Simulated.Initial.Energy);
        Assert.Equal(one.Simulated.Initial.Entropy, many.Simulated.Initial.Entropy);
        Assert.Equal(one.Simulated.Trained.Energy, many.Simulated.Trained.Energy);
        Assert.Equal(one.Simulated.Trained.Entropy, many.Simulated.Trained.Entropy);
        Assert.Equal(one.Simulated.Transition.Temperature.Value, many.Simulated.Transition.Temperature.Value);
        var other = RunCell("ce", "mixed", threads: 8, ensemble: 16, seed: 2);
        Assert.NotEqual(one.Simulated.Trained.Energy, other.Simulated.Trained.Energy);
    }

    [Fact]
    public void NoiseRefreshAgreesAndConceptRefreshIsIsentropic()
    {
        var teacher = LinearTestData.Regression(3, 2000);
        var setting = new LinearSetting(MeanSquaredError.Instance, LinearTestData.Init("normal"), 0.01, 8);
        var sim = new SimulationSetting(64, null, 16, 3);
        var before = LinearExperiment.Run(teacher.Data, setting, sim);
        var noise = LinearExperiment.Refresh(teacher, ShiftKind.Noise, 2, setting, sim, before);
        double ta = noise.Analytic.Transition.Temperature.Value!.Value, ts = noise.Transition.Temperature.Value!.Value;
        Assert.True(Math.Abs(ts / ta - 1) < 0.10, $"T_II analytic {ta}, simulated {ts}");
        Assert.Equal(noise.EnergyBefore.Value - noise.After.Energy.Value, noise.Work + noise.Heat, 1e-12);
        var concept = LinearExperiment.Refresh(teacher, ShiftKind.Concept, 0.5, setting, sim, before);
        Assert.Equal(Regime.Isentropic, concept.Analytic.Transition.Temperature.Regime);
        Assert.Equal(Regime.Isentropic, concept.Transition.Temperature.Regime);
        Assert.True(Math.Abs(concept.Work / concept.Analytic.Work - 1) < 0.05, $"W analytic {concept.Analytic.Work}, simulated {concept.Work}");
    }

    [Fact]
    public void SweepOverTheLearningRateAgreesPointByPoint()
    {
        var spec = new TeacherSpec(3, 2000, 1.0, 0.5, LinearTask.Regression, Seed: 7);
        var setting = new LinearSetting(MeanSquaredError.Instance, LinearTestData.Init("normal"), 0.01, 8);
        var sweep = LinearSweep.Run(spec, setting, new SimulationSetting(64, null, 16, 1), SweepParameter.LearningRate, 0.005, 0.02, 3);
        Assert.Equal(3, sweep.Points.Count);
        Assert.Equal(0.01, sweep.Points[1].Value, 1e-12);
        foreach (var p in sweep.Points)
        {
            Assert.True(Math.Abs(p.Analytic!.Value - p.Simulated!.Value) < 4 * p.SimulatedStdErr!.Value, $"η = {p.Value}: {p.Analytic} vs {p.Simulated} ± {p.SimulatedStdErr}");
            Assert.NotNull(p.Asymptotic);
        }
        Assert.True(sweep.Points[2].Analytic > sweep.Points[0].Analytic); // hotter training, higher T
        var csv = LinearSweep.ToCsv(sweep).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("learningrate,T_analytic,T_simulated,T_simulated_se,T_asymptotic,beta_analytic,beta_simulated,beta_simulated_se,beta_asymptotic", csv[0]);
        Assert.Equal(4, csv.Length);
    }

    [Fact]
    public void SweepValuesAreGeometricAndChecked()
    {
        Assert.Equal(new[] { 1.0, 10.0, 100.0 }, LinearSweep.Values(1, 100, 3).Select(v => Math.Round(v, 9)));
        Assert.Throws<KelvinException>(() => LinearSweep.Values(0, 1, 3));
        Assert.Throws<KelvinException>(() => LinearSweep.Values(1, 2, 1));
        Assert.Throws<KelvinException>(() => LinearSweep.ParseParameter("temperature"));
    }
}
