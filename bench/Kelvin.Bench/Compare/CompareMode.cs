using System.Globalization;
using System.Text.Json;

namespace Kelvin.Bench.Compare;

/// <summary>
/// Kelvin's side of bench/compare.sh: <c>Kelvin.Bench compare SECTION [--name value …]</c> measures one
/// section and prints one JSON object on stdout (times in seconds, medians over <c>--reps</c> after one
/// warm-up). bench/compare.py runs the sections alternately with the peers and assembles the table.
/// Sections: mlp, thermometer, entropy, gemm, ensemble, curve, checksum (see each class for its options).
/// </summary>
public static class CompareMode
{
    public static int Run(string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: Kelvin.Bench compare mlp|thermometer|entropy|gemm|ensemble|curve [--option value …]"); return 2; }
        var options = new CompareOptions(args.Skip(2).ToArray());
        Dictionary<string, object> result = args[1] switch
        {
            "mlp" => TrainingComparison.Mlp(options),
            "thermometer" => TrainingComparison.Thermometer(options),
            "thermometer-methods" => ThermometerAccuracy.Run(options),
            "ensemble" => TrainingComparison.EnsembleScaling(options),
            "run" => RunTiming.Run(options),
            "curve" => TrainingComparison.CurveCost(options),
            "entropy" => EntropyComparison.Run(options),
            "gemm" => GemmComparison.Run(options),
            "checksum" => Checksum.Run(options),
            _ => throw new ArgumentException($"unknown compare section '{args[1]}'"),
        };
        result["section"] = args[1];
        result["threads"] = Environment.ProcessorCount;
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}

/// <summary>The <c>--name value</c> pairs of a compare section.</summary>
public sealed class CompareOptions
{
    private readonly Dictionary<string, string> _values = new();

    public CompareOptions(string[] args)
    {
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--")) throw new ArgumentException($"expected --name value, got '{args[i]}'");
            _values[args[i][2..]] = args[i + 1];
        }
    }

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? (int)double.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);
    public int Reps => Int("reps", 3);
}
