using Kelvin.Energy;
using Kelvin.Entropy;
using Kelvin.Linear;
using Kelvin.Thermodynamics;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Tests.Linear;

/// <summary>The closed forms of docs/theory.md §5 for well-specified teachers (continuous Lyapunov, n large).</summary>
public class TrainedStateTheoryTests
{
    private const double Eta = 0.01;
    private const int Batch = 4;

    private static double MaxRelativeDeviation(Matrix<double> sigma, double expected)
    {
        double worst = 0;
        for (int a = 0; a < sigma.RowCount; a++)
            for (int b = 0; b < sigma.ColumnCount; b++)
                worst = Math.Max(worst, Math.Abs(sigma[a, b] - (a == b ? expected : 0)) / expected);
        return worst;
    }

    [Fact]
    public void MseWellSpecifiedIsIsotropicWhateverTheFeatures()
    {
        // C₁ = 2s²H, so Σ = (η s²/B)·I even for an anisotropic Σ_x (κ = 5).
        double s = 0.5;
        var data = LinearTestData.Regression(3, 40_000, s, seed: 2, condition: 5).Data;
        var state = TrainedState.Of(data, MeanSquaredError.Instance, Eta, Batch, LyapunovForm.Continuous);
        Assert.True(MaxRelativeDeviation(state.Covariance, Eta * s * s / Batch) < 0.04);
        Assert.True(MaxRelativeDeviation(state.Curvature.GradientCovariance, 0) > 0); // smoke: C₁ is not zero
        var ratio = state.Curvature.GradientCovariance - state.Curvature.Hessian * (2 * s * s);
        Assert.True(ratio.FrobeniusNorm() < 0.04 * state.Curvature.GradientCovariance.FrobeniusNorm());
    }

    [Fact]
    public void CeWellSpecifiedObeysTheFisherIdentity()
    {
        // logistic scale 1: the logistic model is exact, C₁ = H and Σ = η/(2B)·I.
        var data = LinearTestData.Classification(3, 40_000, noise: 1.0, seed: 4).Data;
        var state = TrainedState.Of(data, CrossEntropy.Instance, Eta, Batch, LyapunovForm.Continuous);
        var c = state.Curvature;
        Assert.True((c.GradientCovariance - c.Hessian).FrobeniusNorm() < 0.05 * c.Hessian.FrobeniusNorm());
        Assert.True(MaxRelativeDeviation(state.Covariance, Eta / (2 * Batch)) < 0.06);
    }

    [Fact]
    public void MaeWithGaussianNoiseUsesTheDensityAtZero()
    {
        // f(0) = 1/(s√(2π)); Σ ≈ η/(4 f(0) B)·I (the kernel estimate of f(0) has a few % bias at this n).
        double s = 0.5, f0 = 1 / (s * Math.Sqrt(2 * Math.PI));
        var data = LinearTestData.Regression(3, 40_000, s, seed: 6).Data;
        var state = TrainedState.Of(data, MeanAbsoluteError.Instance, Eta, Batch, LyapunovForm.Continuous);
        Assert.True(MaxRelativeDeviation(state.Covariance, Eta / (4 * f0 * Batch)) < 0.08);
        Assert.NotNull(state.Curvature.Bandwidth);
    }

    [Fact]
    public void EnergyAndEntropyFollowFromTheCovariance()
    {
        var data = LinearTestData.Regression(3, 5000).Data;
        var state = TrainedState.Of(data, MeanSquaredError.Instance, Eta, Batch);
        // mse is quadratic: E over N(w*, Σ) of U_D is exactly U(w*) + ½ tr(HΣ).
        Assert.Equal(state.Minimum.Energy + 0.5 * (state.Curvature.Hessian * state.Covariance).Trace(), state.Energy, 1e-12);
        double logDet = Math.Log(state.Covariance.Determinant());
        Assert.Equal(0.5 * (3 * Math.Log(2 * Math.PI * Math.E) + logDet), state.Entropy, 1e-9);
        Assert.Equal(MultivariateGaussianEntropy.FromCovariance(state.Covariance), state.Entropy, 1e-12);
    }

    [Fact]
    public void AsymptoticMseTemperatureIsTheClosedForm()
    {
        double t = LinearTheory.AsymptoticMseTemperature(1.0, 0.5, 0.5, 0.01, 8);
        Assert.Equal(2 * 1.25 / Math.Log(0.25 * 8 / (0.01 * 0.25)), t, 1e-14);
        Assert.Throws<KelvinException>(() => LinearTheory.AsymptoticMseTemperature(1.0, 10, 0.1, 0.5, 1));
    }

    [Fact]
    public void AsymptoticMseTemperatureIsTheLargeNLimitOfTheAnalyticOne()
    {
        // Continuous form, isotropic features: T_I = (E_I − E*)/(S_I − S*) tends to 2(‖w*‖²/d + σ²)/ln(σ²B/(ηs²)) up to
        // the O(1/n) fit and the ½tr(HΣ) = dηs²/B energy of the trained state (2% here).
        var data = Teacher.Draw(new TeacherSpec(20, 40_000, 1.0, 0.5, LinearTask.Regression, Seed: 3)).Data;
        var setting = new LinearSetting(MeanSquaredError.Instance, new Kelvin.Distributions.Normal(0, 0.5), 0.01, 8, LyapunovForm.Continuous);
        var analytic = LinearTheory.Analyze(data, setting).Temperature.Value!.Value;
        double asymptotic = LinearTheory.AsymptoticMseTemperature(1.0, 0.5, 0.5, 0.01, 8);
        Assert.True(Math.Abs(analytic / asymptotic - 1) < 0.05, $"analytic {analytic}, asymptotic {asymptotic}");
    }
}

public class RefreshTheoryTests
{
    private static (Teacher Teacher, TrainedState Before) Trained(LinearTask task = LinearTask.Regression)
    {
        var teacher = Teacher.Draw(new TeacherSpec(3, 4000, 1.0, 0.5, task, Seed: 9));
        IEnergyForm loss = task == LinearTask.Regression ? MeanSquaredError.Instance : CrossEntropy.Instance;
        return (teacher, TrainedState.Of(teacher.Data, loss, 0.01, 8));
    }

    [Theory]
    [InlineData(ShiftKind.Concept, 0.5)]
    [InlineData(ShiftKind.Noise, 2.0)]
    [InlineData(ShiftKind.Covariate, 1.5)]
    public void WorkPlusHeatIsTheEnergyChange(ShiftKind kind, double size)
    {
        var (teacher, before) = Trained();
        var shifted = Shift.Apply(teacher, kind, size).Data;
        var after = TrainedState.Of(shifted, MeanSquaredError.Instance, 0.01, 8);
        var refresh = RefreshAnalysis.Of(before, after);
        // Independent route: E(state₁; D2) = U₂(w₁*) + ½ tr(H₂Σ₁) exactly for the quadratic mse energy.
        double energyBefore = shifted.Energy(MeanSquaredError.Instance, before.Minimum.Weights)
                            + 0.5 * (after.Curvature.Hessian * before.Covariance).Trace();
        double deltaE = energyBefore - after.Energy;
        Assert.Equal(deltaE, refresh.Work + refresh.Heat, 1e-10 * Math.Max(1, Math.Abs(deltaE)));
        Assert.Equal(-deltaE, refresh.Transition.EnergyChange, 1e-10 * Math.Max(1, Math.Abs(deltaE)));
        Assert.True(refresh.Work >= 0);
    }

    [Fact]
    public void ConceptShiftIsIsentropicAllWork()
    {
        var (teacher, before) = Trained();
        var after = TrainedState.Of(Shift.Apply(teacher, ShiftKind.Concept, 0.5).Data, MeanSquaredError.Instance, 0.01, 8);
        var refresh = RefreshAnalysis.Of(before, after);
        Assert.Equal(Regime.Isentropic, refresh.Transition.Temperature.Regime);
        Assert.Null(refresh.Transition.Temperature.Value);
        Assert.True(refresh.Work > 100 * Math.Abs(refresh.Heat), $"W {refresh.Work}, Q {refresh.Heat}");
    }

    [Fact]
    public void NoiseShiftIsAFiniteHeatTransition()
    {
        // s → 2s: Σ₂ = 4Σ₁ (mse, Σ ∝ s²), so ΔS = −(d/2) ln 4 and Q = −¾·½tr(H₂Σ₂) < 0; w* barely moves.
        var (teacher, before) = Trained();
        var after = TrainedState.Of(Shift.Apply(teacher, ShiftKind.Noise, 2).Data, MeanSquaredError.Instance, 0.01, 8);
        var refresh = RefreshAnalysis.Of(before, after);
        Assert.Equal(Regime.Normal, refresh.Transition.Temperature.Regime);
        Assert.Equal(-1.5 * Math.Log(4), (double)refresh.Transition.EntropyChange! * -1, 0.05);
        Assert.True(refresh.Heat < 0);
        Assert.True(refresh.Transition.Temperature.Value > 0);
    }

    [Fact]
    public void LabelShiftNeedsClassificationAndBadSizesAreErrors()
    {
        var (teacher, _) = Trained();
        Assert.Contains("classification", Assert.Throws<KelvinException>(() => Shift.Apply(teacher, ShiftKind.Label, 1)).Message);
        Assert.Throws<KelvinException>(() => Shift.Apply(teacher, ShiftKind.Covariate, 0));
        Assert.Throws<KelvinException>(() => Shift.Apply(teacher, ShiftKind.Concept, double.NaN));
        Assert.Throws<KelvinException>(() => Shift.Parse("sideways"));
        var (cls, _) = Trained(LinearTask.Classification);
        var shifted = Shift.Apply(cls, ShiftKind.Label, 2).Data;
        Assert.True(shifted.Targets.Count(y => y > 0) > cls.Data.Targets.Count(y => y > 0));
    }
}
