using System.IO.Compression;
using Kelvin.Data;

namespace Kelvin.Tests.Data;

public class DatasetLoadingTests
{
    [Theory]
    [InlineData("iris", 150, 4, 3, TaskKind.Classification)]
    [InlineData("wine", 178, 13, 3, TaskKind.Classification)]
    [InlineData("breast_cancer", 569, 30, 2, TaskKind.Classification)]
    [InlineData("digits", 1797, 64, 10, TaskKind.Classification)]
    [InlineData("diabetes", 442, 10, 1, TaskKind.Regression)]
    public void BundledDatasetsHaveTheirKnownShapes(string name, int n, int d, int outputs, TaskKind task)
    {
        var data = DatasetCatalog.Load(name);
        Assert.Equal((n, d, outputs, task), (data.Count, data.FeatureCount, data.Outputs, data.Task));
        if (task == TaskKind.Classification)
        {
            Assert.Equal(outputs, data.ClassNames.Count);
            Assert.Equal(Enumerable.Range(0, outputs), data.Labels!.Distinct().Order());
        }
    }

    [Fact]
    public void IrisRowsAreTheClassicValues()
    {
        var iris = BundledDatasets.Load("iris");
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Row(0).ToArray());
        Assert.Equal("setosa", iris.ClassNames[iris.Labels![0]]);
        Assert.Equal(50, iris.Labels.Count(l => l == 2));
        Assert.Equal("sepal_length_cm", iris.FeatureNames[0]);
    }

    [Fact]
    public void CsvWithANonNumericCellNamesItsLineAndColumn()
    {
        var e = Assert.Throws<KelvinException>(() => CsvDatasetReader.Read(new StringReader("a,b,target\n1,2,0\n3,oops,1\n"), "target", null, "t"));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("'b'", e.Message);
        Assert.Contains("oops", e.Message);
    }

    [Fact]
    public void CsvWithoutTheTargetColumnSaysWhichColumnsExist()
    {
        var e = Assert.Throws<KelvinException>(() => CsvDatasetReader.Read(new StringReader("a,b,y\n1,2,0\n"), "label", null, "t"));
        Assert.Contains("'label'", e.Message);
        Assert.Contains("a, b, y", e.Message);
    }

    [Fact]
    public void CsvTaskIsDetectedAndLabelsMappedInOrder()
    {
        var c = CsvDatasetReader.Read(new StringReader("x,target,z\n1,5,2\n2,7,3\n3,5,4\n"), "target", null, "c");
        Assert.Equal(TaskKind.Classification, c.Task);
        Assert.Equal([0, 1, 0], c.Labels!);
        Assert.Equal(["5", "7"], c.ClassNames);
        Assert.Equal([1f, 2f, 2f, 3f, 3f, 4f], c.Features);
        var r = CsvDatasetReader.Read(new StringReader("x,target\n1,0.5\n2,1.5\n"), "target", null, "r");
        Assert.Equal(TaskKind.Regression, r.Task);
        Assert.Equal([0.5f, 1.5f], r.Targets);
    }

    [Fact]
    public void RaggedRowIsAnError() =>
        Assert.Contains("line 3", Assert.Throws<KelvinException>(() => CsvDatasetReader.Read(new StringReader("a,target\n1,0\n2\n"), "target", null, "t")).Message);

    [Fact]
    public void UnknownDatasetIsAnErrorListingTheNames() =>
        Assert.Contains("digits", Assert.Throws<KelvinException>(() => DatasetCatalog.Load("no-such-set")).Message);

    [Fact]
    public void IdxFilesAreRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kelvin-idx-{Guid.NewGuid():N}.gz");
        try
        {
            using (var f = File.Create(path))
            using (var gz = new GZipStream(f, CompressionLevel.Fastest))
                gz.Write([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255]);
            var (shape, data) = IdxReader.Read(path);
            Assert.Equal([2, 1, 3], shape);
            Assert.Equal([1, 2, 3, 4, 5, 255], data);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingFashionMnistNamesTheDebianPackage()
    {
        string empty = Directory.CreateTempSubdirectory("kelvin-fm").FullName;
        string? saved = Environment.GetEnvironmentVariable("KELVIN_FASHION_MNIST");
        try
        {
            Environment.SetEnvironmentVariable("KELVIN_FASHION_MNIST", empty);
            var e = Assert.Throws<KelvinException>(() => FashionMnist.Load());
            Assert.Contains("dataset-fashion-mnist", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KELVIN_FASHION_MNIST", saved);
            Directory.Delete(empty);
        }
    }
}
