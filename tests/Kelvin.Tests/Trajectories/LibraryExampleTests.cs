using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

public class LibraryExampleTests
{
    private static string RepositoryFile(string relative, [System.Runtime.CompilerServices.CallerFilePath] string here = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(here)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kelvin.sln"))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }

    [Fact]
    public void The_walk_through_in_docs_library_md_is_the_compiled_example()
    {
        var lines = File.ReadAllLines(RepositoryFile("tests/Kelvin.Tests/Trajectories/LibraryExample.cs"));
        int begin = Array.FindIndex(lines, l => l.Trim() == "// docs/library.md: begin");
        int end = Array.FindIndex(lines, l => l.Trim() == "// docs/library.md: end");
        Assert.True(begin > 0 && end > begin);
        var block = string.Join("\n", lines[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
        string docs = File.ReadAllText(RepositoryFile("docs/library.md")).Replace("\r\n", "\n");
        Assert.Contains(block, docs);
    }

    [Fact]
    public void The_example_prints_T_with_its_standard_error_for_the_network_and_each_layer()
    {
        var output = new StringWriter();
        var result = LibraryExample.Run(output);
        string text = output.ToString();
        Assert.Contains("T = ", text);
        Assert.Contains("hidden: ", text);
        Assert.Contains("output: ", text);
        Assert.Contains(" ± ", text);
        Assert.Equal(LossAllocationMode.Gradient, result.Allocation);
        Assert.True(result.Global.Temperature.IsFinite);
        Assert.True(result.Global.StandardError > 0);
        Assert.All(result.Layers, l => Assert.True(l.Temperature!.StandardError > 0));
        Assert.True(result.AllocationResidual < 0.05, $"residual {result.AllocationResidual}");
        Assert.True(result.Global.EnergyChange.Value < 0);
    }
}
