using Kelvin.Data;
using Kelvin.Data.Shifts;
using Kelvin.Randomness;

namespace Kelvin.Tests.Data;

public class ShiftTests
{
    private static readonly Dataset Iris = DataSplit.Create(BundledDatasets.Load("iris"), 1).Train;
    private static readonly Dataset Diabetes = DataSplit.Create(BundledDatasets.Load("diabetes"), 1).Train;

    [Fact]
    public void CovariateShiftMovesFeaturesNotLabelsAndSizeZeroIsIdentity()
    {
        var shifted = new CovariateShift(1).Apply(Iris, new Rng(1));
        Assert.Equal(Iris.Labels, shifted.Labels);
        Assert.NotEqual(Iris.Features, shifted.Features);
        Assert.Equal(Iris.Features, new CovariateShift(0).Apply(Iris, new Rng(1)).Features);
        Assert.Equal(shifted.Features, new CovariateShift(1).Apply(Iris, new Rng(1)).Features);
    }

    [Fact]
    public void LabelShiftSkewsTheClassPrior()
    {
        var shifted = new LabelShift(3).Apply(Iris, new Rng(2));
        Assert.Equal(Iris.Count, shifted.Count);
        var counts = Enumerable.Range(0, 3).Select(c => shifted.Labels!.Count(l => l == c)).ToArray();
        Assert.True(counts.Max() > 2 * counts.Min() + 1, string.Join(",", counts));   // balanced iris: 40/40/40
    }

    [Fact]
    public void ConceptShiftRelabelsEverySampleToAnotherClass()
    {
        var shifted = new ConceptShift(1).Apply(Iris, new Rng(3));
        Assert.All(Enumerable.Range(0, Iris.Count), i => Assert.NotEqual(Iris.Labels![i], shifted.Labels![i]));
        Assert.Equal(Iris.Features, shifted.Features);
        // the relabelling is a function of the class: a permutation
        var map = Enumerable.Range(0, Iris.Count).Select(i => (Iris.Labels![i], shifted.Labels![i])).Distinct().ToList();
        Assert.Equal(3, map.Count);
    }

    [Fact]
    public void ConceptShiftOfRegressionIsANewTeacher()
    {
        var shifted = new ConceptShift(1).Apply(Diabetes, new Rng(4));
        double corr = Correlation(Diabetes.Targets, shifted.Targets);
        Assert.True(Math.Abs(corr) < 0.99);
        Assert.Equal(Diabetes.Targets.Average(t => (double)t), shifted.Targets.Average(t => (double)t), 1e-4);
    }

    [Fact]
    public void NoiseShiftFlipsAboutTheRequestedFraction()
    {
        var big = BundledDatasets.Load("digits");
        var shifted = new NoiseShift(0.3).Apply(big, new Rng(5));
        double flipped = Enumerable.Range(0, big.Count).Count(i => big.Labels![i] != shifted.Labels![i]) / (double)big.Count;
        Assert.InRange(flipped, 0.26, 0.34);
        var noisy = new NoiseShift(0.5).Apply(Diabetes, new Rng(5));
        Assert.NotEqual(Diabetes.Targets, noisy.Targets);
    }

    [Fact]
    public void NewDataMustMatchTheShape()
    {
        Assert.Throws<KelvinException>(() => new NewDataShift(Diabetes).Apply(Iris, new Rng(1)));
        Assert.Same(Iris, new NewDataShift(Iris).Apply(Iris, new Rng(1)));
        Assert.Throws<KelvinException>(() => DataShifts.Create("sideways"));
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(x => (double)x), mb = b.Average(x => (double)x), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }
}
