using Kelvin.Tests.Cli;

namespace Kelvin.Tests.Run;

[Collection("Console")]
public class RunCommandTests
{
    [Fact]
    public void AnUnknownDatasetFailsWithOneLineBeforeAnyWork()
    {
        string parent = Scratch();
        string target = Path.Combine(parent, "report");
        var (exit, stdout, stderr) = CliHarness.Run("run", "--data", "no-such-data", "--out", target);
        Assert.NotEqual(0, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("no-such-data", stderr);
        Assert.DoesNotContain("[1/", stdout);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public void ACsvWithoutTheNamedTargetColumnFailsWithOneLineBeforeAnyWork()
    {
        string parent = Scratch();
        string csv = Path.Combine(parent, "data.csv");
        File.WriteAllText(csv, "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
        string target = Path.Combine(parent, "report");
        var (exit, stdout, stderr) = CliHarness.Run("run", "--data", csv, "--target", "class", "--out", target);
        Assert.NotEqual(0, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("class", stderr);
        Assert.DoesNotContain("[1/", stdout);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void AnUnwritableOutFailsWithOneLineBeforeAnyWork()
    {
        string parent = Scratch();
        string file = Path.Combine(parent, "a-file");
        File.WriteAllText(file, "not a folder");
        var (exit, stdout, stderr) = CliHarness.Run("run", "--quick", "--out", Path.Combine(file, "report"));
        Assert.NotEqual(0, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("cannot write the report", stderr);
        Assert.DoesNotContain("[1/", stdout);
        var (exit2, _, stderr2) = CliHarness.Run("run", "--quick", "--out", file);
        Assert.NotEqual(0, exit2);
        Assert.Contains("is a file", stderr2);
        Assert.Single(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public void AFolderWithOtherFilesIsNeverReplaced()
    {
        string parent = Scratch();
        File.WriteAllText(Path.Combine(parent, "thesis.tex"), "precious");
        var (exit, _, stderr) = CliHarness.Run("run", "--quick", "--out", parent);
        Assert.NotEqual(0, exit);
        Assert.Contains("thesis.tex", stderr);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(parent, "thesis.tex")));
    }

    private static string Scratch()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"kelvin-run-cli-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
