using Kelvin.Linear;

namespace Kelvin.Tests.Linear;

public sealed class LinearCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kelvin-linear-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void FeaturesAreStandardizedAndTheTargetIsKept()
    {
        var path = Write("ok.csv", "a,y,b\n1,0.5,10\n2,1.5,30\n3,2.5,20\n4,3.5,40\n");
        var data = LinearCsv.Load(path, "Y", LinearTask.Regression); // column names are case-insensitive
        Assert.Equal(2, data.Dimension);
        Assert.Equal(4, data.Count);
        Assert.Equal(new[] { 0.5, 1.5, 2.5, 3.5 }, data.Targets);
        for (int j = 0; j < 2; j++)
        {
            var col = Enumerable.Range(0, 4).Select(i => data.Features[i * 2 + j]).ToArray();
            Assert.Equal(0, col.Average(), 1e-12);
            Assert.Equal(1, col.Sum(v => v * v) / 3, 1e-12); // sample variance (n − 1)
        }
    }

    [Fact]
    public void TwoClassesMapToMinusOneAndPlusOne()
    {
        var path = Write("cls.csv", "x,label\n1,cat\n2,dog\n3,cat\n5,dog\n");
        var data = LinearCsv.Load(path, "label", LinearTask.Classification);
        Assert.Equal(new[] { -1.0, 1.0, -1.0, 1.0 }, data.Targets);
        var numeric = LinearCsv.Load(Write("num.csv", "x,label\n1,10\n2,2\n3,10\n"), "label", LinearTask.Classification);
        Assert.Equal(new[] { 1.0, -1.0, 1.0 }, numeric.Targets); // 2 < 10 numerically, not as text
    }

    [Theory]
    [InlineData("a,y\n1,2\n2,3\n", "z", "no column 'z'")]
    [InlineData("a,y\n1,2\nfoo,3\n", "y", "line 3, column 'a': 'foo' is not a number")]
    [InlineData("a,y\n1,2\n2,bar\n", "y", "line 3, column 'y'")]
    [InlineData("a,y\n1,2\n2\n", "y", "line 3 has 1 cells")]
    [InlineData("a,y\n1,2\n1,3\n", "y", "column 'a' is constant")]
    [InlineData("a,y\n1,2\n", "y", "at least 2 data rows")]
    [InlineData("y\n1\n2\n", "y", "no feature columns")]
    [InlineData("a,y\n1,NaN\n2,3\n", "y", "'NaN' is not a finite number")]
    public void BadFilesAreOneLineErrorsNamingTheProblem(string text, string target, string message)
    {
        var path = Write("bad.csv", text);
        var e = Assert.Throws<KelvinException>(() => LinearCsv.Load(path, target, LinearTask.Regression));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingFileAndWrongClassCountAreErrors()
    {
        Assert.Contains("not found", Assert.Throws<KelvinException>(() => LinearCsv.Load(Path.Combine(_dir, "none.csv"), "y", LinearTask.Regression)).Message);
        var three = Write("three.csv", "x,y\n1,a\n2,b\n3,c\n");
        Assert.Contains("3 distinct values", Assert.Throws<KelvinException>(() => LinearCsv.Load(three, "y", LinearTask.Classification)).Message);
    }
}
