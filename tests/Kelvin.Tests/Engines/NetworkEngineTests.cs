using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Engines;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Networks.Training;
using Kelvin.Randomness;
using Xunit.Abstractions;

namespace Kelvin.Tests.Engines;

public class NetworkEngineTests(ITestOutputHelper output)
{
    private static readonly DataSplit Digits = DataSplit.Create(BundledDatasets.Load("digits"), 1);

    private static Mlp Network(string hidden, string activations, ulong seed = 7)
    {
        var widths = $"{Digits.Train.FeatureCount}-{hidden}-{Digits.Train.Outputs}";
        return Mlp.Initialize(MlpArchitecture.Parse(widths, activations), [InitializationScheme.Parse("he-normal")], new Rng(seed, 0));
    }

    [Fact]
    public void ReluNetworkIsTypeA()
    {
        var report = NetworkEngine.Measure(Network("32-32", "relu"), Digits.Train, 400);
        Assert.Equal(EngineType.A, report.Type);
        Assert.Empty(report.TypeBLayers);
        Assert.Equal(["dense1", "dense2"], report.Layers.Select(l => l.Name));
        Assert.All(report.Layers, l => Assert.Equal(0.25 - 1 / (2 * Math.PI), l.EtaMeanField, 1e-9));
    }

    [Fact]
    public void TanhNetworkIsTypeB()
    {
        var report = NetworkEngine.Measure(Network("32-32", "tanh"), Digits.Train, 400);
        Assert.Equal(EngineType.B, report.Type);
        Assert.Equal(["dense1", "dense2"], report.TypeBLayers);
    }

    [Fact]
    public void OneTanhLayerMakesAReluNetworkTypeBAndIsNamed()
    {
        var report = NetworkEngine.Measure(Network("32-32-32", "relu/tanh/relu"), Digits.Train, 400);
        Assert.Equal(EngineType.B, report.Type);
        Assert.Equal(["dense2"], report.TypeBLayers);
        Assert.Equal(["relu", "tanh", "relu"], report.Layers.Select(l => l.Activation));
        Assert.Equal([EngineType.A, EngineType.B, EngineType.A], report.Layers.Select(l => l.ActivationType));
    }

    [Fact]
    public void UserMishLayerIsClassifiedTypeBByMeasurement()
    {
        var mish = new UserActivation("mish", z => z * Math.Tanh(Kelvin.Numerics.Stable.Softplus(z)));
        var arch = new MlpArchitecture([Digits.Train.FeatureCount, 32, Digits.Train.Outputs], [mish]);
        var report = NetworkEngine.Measure(Mlp.Initialize(arch, [InitializationScheme.Parse("he-normal")], new Rng(3, 0)), Digits.Train, 200);
        Assert.Equal(EngineType.B, report.Type);
        Assert.Equal(["dense1"], report.TypeBLayers);
        Assert.True(report.Layers[0].EtaMeasured > 0);
    }

    [Fact]
    public void WideReluLayersMatchMeanFieldAtInitialization()
    {
        var report = NetworkEngine.Measure(Network("256-256", "relu"), Digits.Train);
        foreach (var l in report.Layers)
        {
            output.WriteLine($"{l.Name}: q {l.Q:G5} a0 {l.A0:G5} a1 {l.A1:G5} W {l.Work:G5} η {l.EtaMeasured:G5} vs mean-field {l.EtaMeanField:G5}");
            Assert.InRange(l.EtaMeasured / l.EtaMeanField, 0.85, 1.15);
        }
        Assert.InRange(report.Efficiency / (0.25 - 1 / (2 * Math.PI)), 0.85, 1.15);
    }

    [Fact]
    public void LinearLayerDoesNoWork()
    {
        var report = NetworkEngine.Measure(Network("16", "identity"), Digits.Train, 300);
        Assert.Equal(EngineType.A, report.Type);
        Assert.InRange(report.Layers[0].Work, 0, 1e-9 * report.Layers[0].Q);
        Assert.InRange(report.Layers[0].EtaMeanField, 0, 1e-12);
    }

    [Fact]
    public void EnergySplitAddsUpAndEfficiencyIsTheRatioOfSums()
    {
        var net = Network("24-24", "tanh/relu");
        var report = NetworkEngine.Measure(net, Digits.Train, 300);
        float[][] z = net.PreActivations(Digits.Train.Subset(Enumerable.Range(0, 300).ToList()));
        for (int l = 0; l < 2; l++)
        {
            var a = new float[z[l].Length];
            net.Layers[l].Activation.Forward(z[l], a);
            int w = net.Layers[l].FanOut, rows = a.Length / w;
            double m2 = a.Average(v => (double)v * v), q = z[l].Average(v => (double)v * v);
            double meanSquareOfRowMeans = Enumerable.Range(0, rows).Average(r => Math.Pow(a.Skip(r * w).Take(w).Average(v => (double)v), 2));
            var m = report.Layers[l];
            Assert.Equal(q, m.Q, 1e-9 * q);
            Assert.Equal(a.Average(v => (double)v), m.A0, 1e-9);
            Assert.Equal(m2, meanSquareOfRowMeans + m.A1 * m.A1 + m.Work, 1e-9 * m2);
            Assert.Equal(m.Work / m.Q, m.EtaMeasured, 1e-15);
        }
        Assert.Equal(report.Layers.Sum(l => l.Work) / report.Layers.Sum(l => l.Q), report.Efficiency, 1e-15);
    }

    [Fact]
    public void MeasurementIsDeterministicAndParallelSafe()
    {
        var net = Network("32-32", "gelu");
        var first = NetworkEngine.Measure(net, Digits.Train, 300);
        var many = new NetworkEngineReport[4];
        Parallel.For(0, many.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => many[i] = NetworkEngine.Measure(net, Digits.Train, 300));
        Assert.All(many, r => Assert.Equal(first.Layers, r.Layers));
        net.Parallelism = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        var serial = NetworkEngine.Measure(net, Digits.Train, 300);
        net.Parallelism = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        Assert.Equal(serial.Layers, NetworkEngine.Measure(net, Digits.Train, 300).Layers);
        Assert.Equal(first.Layers, serial.Layers);
    }

    [Fact]
    public void NetworkWithoutHiddenLayersIsAPureConductor()
    {
        var arch = new MlpArchitecture([Digits.Train.FeatureCount, Digits.Train.Outputs], []);
        var report = NetworkEngine.Measure(Mlp.Initialize(arch, [InitializationScheme.Parse("he-normal")], new Rng(1, 0)), Digits.Train, 50);
        Assert.Equal(EngineType.A, report.Type);
        Assert.Equal(0, report.Efficiency);
        Assert.Empty(report.Layers);
    }

    [Fact]
    public void SilentLayerIsAClearError()
    {
        var arch = MlpArchitecture.Parse($"{Digits.Train.FeatureCount}-8-{Digits.Train.Outputs}", "relu");
        var e = Assert.Throws<KelvinException>(() => NetworkEngine.Measure(new Mlp(arch), Digits.Train, 20));
        Assert.Contains("dense1", e.Message);
    }
}
