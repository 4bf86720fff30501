using Kelvin.Run;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Run;

public class TemperatureLanguageTests
{
    /// <summary>K = 4 members whose changes scatter a little around (ΔE, ΔS): a resolved sign.</summary>
    private static TemperatureEstimate Resolved(double dE, double dS, EntropyView view = EntropyView.Particle) =>
        TemperatureEstimate.FromMembers([dE * 1.01, dE * 0.99, dE * 1.02, dE * 0.98], [dS * 0.99, dS * 1.01, dS * 0.98, dS * 1.02], view);

    [Fact]
    public void OfTwoNegativeTemperaturesTheOneNearerZeroIsHotterNeverColder()
    {
        var far = Resolved(-1, 2);    // T = −0.5
        var near = Resolved(-1, 10);  // T = −0.1: the hotter
        string text = TemperatureLanguage.Compare(far, "T_I", near, "T_II");
        Assert.Equal("T_II is hotter than T_I (of two negative temperatures the one nearer 0 is the hotter)", text);
        Assert.DoesNotContain("colder", text);
        Assert.StartsWith("T_I is colder than T_II", TemperatureLanguage.Compare(near, "T_II", far, "T_I"));
        Assert.True(TemperatureLanguage.IsHotter(-0.1, -0.5));
    }

    [Fact]
    public void ANegativeTemperatureIsHotterThanAnyPositiveOne()
    {
        var positive = Resolved(-1, -0.01); // T = +100
        var negative = Resolved(-1, 100);   // T = −0.01
        Assert.StartsWith("T_II is hotter than T_I (a negative temperature is hotter than any positive one)",
            TemperatureLanguage.Compare(positive, "T_I", negative, "T_II"));
    }

    [Fact]
    public void AnUnresolvedSignIsSaidAndNotRanked()
    {
        // ΔS scatters across 0: the sign of T is not resolved
        var t = TemperatureEstimate.FromMembers([-1.0, -1.1, -0.9, -1.0], [0.5, -0.4, 0.6, -0.3], EntropyView.Particle);
        Assert.False(t.SignResolved);
        Assert.Contains("sign is not resolved", TemperatureLanguage.Meaning(t, "at initialization"));
        Assert.Contains("cannot be ranked", TemperatureLanguage.Compare(Resolved(-1, 2), "T_I", t, "T_II"));
    }

    [Theory]
    [InlineData(EntropyView.Particle, "weight values inside each model are spread wider than at initialization")]
    [InlineData(EntropyView.Ensemble, "members disagree more")]
    [InlineData(EntropyView.Thermal, "SGD cloud around the minimum it reached is wider")]
    public void ANegativeTrainingTemperatureIsExplainedInItsView(EntropyView view, string words)
    {
        string text = TemperatureLanguage.Meaning(Resolved(-1, 2, view), "at initialization");
        Assert.StartsWith("negative: the loss fell while", text);
        Assert.Contains(words, text);
    }

    [Fact]
    public void APositiveTrainingTemperatureMeansTheWeightsDrewIn()
    {
        string text = TemperatureLanguage.Meaning(Resolved(-1, -2), "at initialization");
        Assert.StartsWith("positive: the loss fell while the weight values inside each model drew in", text);
    }

    [Fact]
    public void TemperaturesWithinTwoStandardErrorsAreNotRanked()
    {
        var a = TemperatureEstimate.FromMembers([-1.0, -1.5, -0.5, -1.0], [2.0, 1.0, 3.0, 2.0], EntropyView.Particle);
        var b = TemperatureEstimate.FromMembers([-1.0, -1.4, -0.6, -1.0], [1.9, 1.1, 2.9, 2.1], EntropyView.Particle);
        Assert.Contains("agree within their standard errors", TemperatureLanguage.Compare(a, "T_I", b, "T_II"));
    }
}
