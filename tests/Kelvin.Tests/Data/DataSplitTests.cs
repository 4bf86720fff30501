using Kelvin.Data;

namespace Kelvin.Tests.Data;

public class DataSplitTests
{
    [Fact]
    public void SplitIsStratifiedDisjointAndSeeded()
    {
        var iris = BundledDatasets.Load("iris");
        var (train, test) = DataSplit.Indices(iris, 7, 0.2);
        Assert.Equal(150, train.Count + test.Count);
        Assert.Empty(train.Intersect(test));
        for (int c = 0; c < 3; c++) Assert.Equal(10, test.Count(i => iris.Labels![i] == c));
        Assert.Equal(test, DataSplit.Indices(iris, 7, 0.2).Test);
        Assert.NotEqual(test, DataSplit.Indices(iris, 8, 0.2).Test);
    }

    [Fact]
    public void StandardizationIsFittedOnTheTrainingSplitOnly()
    {
        var split = DataSplit.Create(BundledDatasets.Load("wine"), 3);
        int n = split.Train.Count, d = split.Train.FeatureCount;
        for (int j = 0; j < d; j++)
        {
            double mean = 0, ss = 0;
            for (int i = 0; i < n; i++) mean += split.Train.Features[i * d + j];
            mean /= n;
            for (int i = 0; i < n; i++) ss += Math.Pow(split.Train.Features[i * d + j] - mean, 2);
            Assert.Equal(0, mean, 1e-5);
            Assert.Equal(1, Math.Sqrt(ss / n), 1e-4);
        }
        // the test split uses the training moments: its own mean is not exactly 0
        double testMean = Enumerable.Range(0, split.Test.Count).Average(i => (double)split.Test.Features[i * d]);
        Assert.NotEqual(0, testMean, 1e-3);
    }

    [Fact]
    public void ConstantFeaturesAndRegressionTargetsAreHandled()
    {
        var split = DataSplit.Create(BundledDatasets.Load("digits"), 1);
        Assert.All(split.Train.Features, v => Assert.True(float.IsFinite(v)));   // pixel_0_0 is always 0
        var diabetes = DataSplit.Create(BundledDatasets.Load("diabetes"), 1);
        double mean = diabetes.Train.Targets.Average(t => (double)t);
        Assert.Equal(0, mean, 1e-5);
    }
}
