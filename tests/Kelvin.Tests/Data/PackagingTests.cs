using Kelvin.Data;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Data;

public class PackagingTests
{
    [Fact]
    public void Kelvin_Core_references_no_plotting_or_native_graphics_assembly()
    {
        var references = typeof(Thermometer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Equal("Kelvin.Core", typeof(Thermometer).Assembly.GetName().Name);
        Assert.DoesNotContain(references, n => n.StartsWith("ScottPlot") || n.StartsWith("SkiaSharp") || n.StartsWith("HarfBuzz"));
    }

    [Fact]
    public void Every_bundled_dataset_is_embedded_in_Kelvin_Core()
    {
        var resources = typeof(BundledDatasets).Assembly.GetManifestResourceNames();
        foreach (var entry in BundledDatasets.All)
            Assert.Contains($"Kelvin.Data.{entry.Name}.csv", resources);
        Assert.Null(Environment.GetEnvironmentVariable("KELVIN_DATA"));
        var iris = BundledDatasets.Load("iris");
        Assert.Equal(150, iris.Count);
        Assert.Equal(3, iris.ClassNames.Count);
    }
}
