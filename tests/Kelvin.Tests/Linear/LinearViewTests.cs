using Kelvin.Energy;
using Kelvin.Linear;
using Kelvin.Thermodynamics;
using Xunit.Abstractions;

namespace Kelvin.Tests.Linear;

/// <summary>Every (loss, init) cell in every entropy view (docs/theory.md §2, §5): analytic T_I vs simulated, within
/// 5% or 4 SE (the per-cell bar), and the trained entropy S* within 4 SE in each view.</summary>
public class LinearViewTests(ITestOutputHelper output)
{
    private static readonly EntropyView[] Views = [EntropyView.Particle, EntropyView.Ensemble, EntropyView.Thermal];

    internal static IReadOnlyList<LinearComparison> RunCell(string lossName, string init, ulong seed = 1)
    {
        var loss = EnergyForms.Parse(lossName);
        bool ce = lossName == "ce";
        var teacher = ce ? LinearTestData.Classification(3, 2000, noise: 1.0) : LinearTestData.Regression(3, 2000);
        var setting = new LinearSetting(loss, LinearTestData.Init(init), ce ? 0.05 : 0.01, 8);
        var sim = new SimulationSetting(96, null, 8, seed);
        return LinearExperiment.RunViews(teacher.Data, setting, sim, Views);
    }

    [Theory]
    [MemberData(nameof(LinearExperimentTests.Cells), MemberType = typeof(LinearExperimentTests))]
    public void AnalyticAgreesWithSimulationInEveryView(string loss, string init)
    {
        var cells = RunCell(loss, init);
        Assert.Equal(Views, cells.Select(c => c.View));
        foreach (var c in cells)
        {
            var s = c.Simulated;
            double ta = c.Analytic.Temperature.Value!.Value, ts = s.Transition.Temperature.Value!.Value, se = s.TemperatureStdErr!.Value;
            var sz = s.Trained.Entropy.ZScore(c.Analytic.TrainedEntropy)!.Value;
            output.WriteLine($"{loss}/{init} {c.View.Name()}: T analytic {ta:G5}, simulated {ts:G5} ± {se:G3} ({c.TemperatureRelativeDifference:P2}, z {c.TemperatureZ:F2}); S* {c.Analytic.TrainedEntropy:G5} vs {s.Trained.Entropy.Value:G5} ± {s.Trained.Entropy.StdErr:G3}; steps {s.Trained.Steps}, thinning {s.Trained.Thinning}");
            Assert.Equal(c.View, s.Estimate.View);
            Assert.True(c.Agrees, $"{c.View.Name()}: T analytic {ta}, simulated {ts} ± {se}");
            Assert.True(c.MaxZ < 4, $"{c.View.Name()}: max |z| over E_I, S_I, E*, S* is {c.MaxZ:G3}");
            Assert.True(Math.Abs(sz) < 4, $"{c.View.Name()}: S* analytic {c.Analytic.TrainedEntropy}, simulated {s.Trained.Entropy}");
        }
        // E_I, S_I and E* do not depend on the view; only S* (and so T) does.
        Assert.Equal(cells[0].Analytic.Trained.Energy, cells[2].Analytic.Trained.Energy);
        Assert.NotEqual(cells[0].Analytic.TrainedEntropy, cells[1].Analytic.TrainedEntropy);
    }
}
