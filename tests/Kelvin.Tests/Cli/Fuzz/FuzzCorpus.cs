using System.Globalization;
using System.Text;
using Kelvin.Checkpoints;
using Kelvin.Distributions;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Randomness;

namespace Kelvin.Tests.Cli.Fuzz;

/// <summary>
/// A seeded generator of hostile kelvin invocations (the corpus of issue 13): malformed CSV files fed to
/// every command that reads CSV, bad values for numeric and named options, and mutated checkpoints
/// (flipped bytes, truncation, metadata naming /etc files or devices, forged energies). Every case is
/// cheap by construction: inputs are tiny and valid runs use one epoch or a few levels.
/// </summary>
internal sealed class FuzzCorpus
{
    /// <summary>Numbers and non-numbers a careless user or an attacker types.</summary>
    private static readonly string[] BadNumbers =
    [
        "0,5", "1,000", "1_000", "", " ", "abc", "NaN", "Infinity", "-Infinity", "∞", "1e400", "-1e400", "-1", "0", "1e-320",
        "99999999999999999999", "0x10", "1.5.2", "+", "-", "1e", "٣", "\u0000", "\u001b[2J", new string('7', 400), "0.5)", "2147483648",
    ];

    /// <summary>Cells of a CSV: mostly numbers, sometimes trouble.</summary>
    private static readonly string[] BadCells =
    [
        "", "NaN", "inf", "-Infinity", "1e308", "-1e308", "1e-320", "3.4e39", "abc", "0,5", "1,000", "\"unclosed", "\"a\"\"b\"",
        "\u0000", "\u001b[31mred", "\r", new string('x', 3000), "1 2", "--1", "٣",
    ];

    private static readonly string[] Activations =
    [
        "leaky_relu(1e200)", "elu(1e308)", "leaky_relu(-0.1)", "leaky_relu(0.1", "elu(", "relu(1)", "tanh:abc", "", "relu/tanh/", "gelu",
        "leaky-relu:-0.2", "ELU(0.5)", "softplus", "elu(-1e-320)", "leaky_relu(NaN)", "leaky_relu(0,5)", "\u001b]0;x\u0007",
    ];

    private readonly Random _rng;
    private readonly FuzzWorkspace _work;
    private int _serial;

    public FuzzCorpus(int seed, FuzzWorkspace work)
    {
        _rng = new Random(seed);
        _work = work;
    }

    /// <summary><paramref name="count"/> invocations, in a fixed order for the seed.</summary>
    public List<string[]> Generate(int count)
    {
        var checkpoints = Checkpoints();
        var cases = new List<string[]>();
        while (cases.Count < count)
        {
            cases.Add((cases.Count % 3) switch
            {
                0 => CsvCase(),
                1 => OptionCase(),
                _ => CheckpointCase(checkpoints),
            });
        }
        return cases;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];
    private bool Chance(double p) => _rng.NextDouble() < p;
    private string OutPath(string stem) => Path.Combine(_work.Out, $"{stem}{++_serial}");

    // ---- CSV files -------------------------------------------------------------------------------

    private string Csv(out string[] header, bool forceBad)
    {
        char sep = Pick([',', ';', '\t', '|']);
        int columns = _rng.Next(1, 5);
        header = new string[columns];
        string[] names = ["a", "b", "x", "target", "A", "", "a b", "é", "\"q\"", "target"];
        for (int j = 0; j < columns; j++) header[j] = Pick(names);
        if (!header.Contains("target") && Chance(0.7)) header[^1] = "target";
        var sb = new StringBuilder();
        if (Chance(0.1)) sb.Append('\uFEFF');
        string newline = Chance(0.2) ? "\r\n" : "\n";
        sb.Append(string.Join(sep, header.Select(h => h.Contains(sep) ? $"\"{h}\"" : h))).Append(newline);
        int rows = Chance(0.1) ? 0 : _rng.Next(1, 30);
        bool bad = false;
        for (int i = 0; i < rows; i++)
        {
            int cells = Chance(0.05) ? _rng.Next(0, columns + 2) : columns;
            var row = new string[cells];
            for (int j = 0; j < cells; j++)
            {
                if (Chance(0.06)) { row[j] = Pick(BadCells); bad = true; }
                else if (header.Length > j && header[j] == "target") row[j] = (i % 3).ToString(CultureInfo.InvariantCulture);
                else row[j] = (_rng.NextDouble() * 10 - 5).ToString("G6", CultureInfo.InvariantCulture);
            }
            bad |= cells != columns;
            sb.Append(string.Join(sep, row)).Append(newline);
        }
        if (forceBad && !bad) sb.Append("NaN").Append(string.Concat(Enumerable.Repeat(sep + "1", columns - 1))).Append(newline);
        return _work.Input($"data{++_serial}.csv", sb.ToString());
    }

    private string[] CsvCase()
    {
        int kind = _rng.Next(6);
        string file = Csv(out var header, forceBad: kind == 4);
        string column = Chance(0.8) && header.Length > 0 ? Pick(header) : "missing";
        List<string> args = kind switch
        {
            0 or 1 => ["entropy", file, "--column", column],
            2 => ["train", "--data", file, "--target", column, "--epochs", "1", "--hidden", "3", "--batch", "8", "--every", "1", "--late", "2", "--progress", "none"],
            3 => ["linear", "--data", file, "--target", column, "--loss", Pick(["mse", "ce"]), "--ensemble", "2", "--steps", "20", "--late", "2"],
            5 => ["shift", "--data", "iris", "--new", file, "--epochs", "1", "--hidden", "3", "--progress", "none"],
            _ => ["run", "--quick", "--data", file, "--out", OutPath("run")],
        };
        if (kind == 2 && Chance(0.3)) args.AddRange(["--out", OutPath("train")]);
        if (Chance(0.5) && kind != 4) args.Add("--json");
        return [.. args];
    }

    // ---- Options ---------------------------------------------------------------------------------

    private string[] OptionCase()
    {
        string bad = Pick(BadNumbers);
        string[] args = _rng.Next(8) switch
        {
            0 => Mutate(["calibrate", "--d", "3", "--t1", "0.5", "--t2", "2"], ["--d", "--t1", "--t2", "--seed"], bad),
            1 => Mutate(["entropy", "--dist", "normal", "--n", "50"], ["--n", "--seed", "--dist"], bad),
            2 => Chance(0.5)
                ? ["engine", "--activation", Pick(Activations), "--points", "5"]
                : Mutate(["engine", "--activation", "relu", "--points", "5"], ["--qmin", "--qmax", "--points"], bad),
            3 => Mutate(["linear", "--d", "2", "--n", "50", "--ensemble", "2", "--steps", "20", "--late", "2"],
                        ["--d", "--n", "--lr", "--batch", "--sigma", "--noise", "--condition", "--signal", "--ensemble", "--pi", "--a"], bad),
            4 => Mutate(["train", "--data", "iris", "--epochs", "1", "--hidden", "3", "--progress", "none"],
                        ["--lr", "--batch", "--epochs", "--every", "--late", "--window", "--test-fraction", "--eval-size", "--seed", "--hidden", "--activation", "--init", "--optimizer", "--loss", "--estimator", "--progress", "--data"], bad),
            5 => RunCase(bad),
            6 => [Pick(["inspect", "compare", "entropy", "train", "linear"]), Pick(["", "/dev/zero", "/proc/self/mem", _work.Inputs, Path.Combine(_work.Root, "nope.csv"), "/etc/passwd"]), "--column", "a", "--data", "iris"],
            _ => OutputCase(),
        };
        return Chance(0.3) && !args.Contains("--json") ? [.. args, "--json"] : args;
    }

    private string[] Mutate(string[] baseArgs, string[] options, string value)
    {
        string option = Pick(options);
        var args = baseArgs.ToList();
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        if (option == "--activation" || option == "--init" || option == "--optimizer" || option == "--hidden")
            args[args.IndexOf(option) + 1] = Pick(Activations) + (Chance(0.5) ? "" : value);
        return [.. args];
    }

    private string[] RunCase(string bad)
    {
        string folder = OutPath("report");
        switch (_rng.Next(5))
        {
            case 0: // a folder with a user's files in it (also as a subfolder named like a report file)
                string sub = Path.Combine(folder, Pick(["report.md", "sub", "temperature_curve.png"]));
                Directory.CreateDirectory(sub);
                File.WriteAllText(Chance(0.5) ? Path.Combine(folder, "notes.txt") : Path.Combine(sub, "thesis.tex"), "mine");
                return ["run", "--quick", "--out", folder];
            case 1: return ["run", "--quick", "--out", Pick(["", " "])];
            case 2: return ["run", "--quick", "--seed", bad, "--out", folder];
            case 3: return ["run", "--quick", "--data", Pick(["/dev/zero", "no-such", _work.Inputs, ""]), "--out", folder];
            default: return ["run", "--quick", "--bogus", "--out", folder];
        }
    }

    private string[] OutputCase()
    {
        // A user's file where Kelvin would write: refused without --force, never touched.
        string target = Path.Combine(_work.Out, $"user{++_serial}.png");
        File.WriteAllText(target, "a user's file");
        return _rng.Next(4) switch
        {
            0 => ["engine", "--activation", "relu", "--points", "5", "--plot", Pick([target, "", _work.Out])],
            1 => ["linear", "--sweep", "lr", "--from", "0.001", "--to", "0.002", "--points", "2", "--d", "2", "--n", "50", "--ensemble", "2", "--steps", "20", "--late", "2",
                  Pick(["--plot", "--csv"]), Pick([target, "", _work.Out])],
            2 => ["train", "--data", "iris", "--epochs", "1", "--hidden", "3", "--progress", "none", "--out", Pick(["", target])],
            _ => ["shift", "--data", "iris", "--kind", "label", "--epochs", "1", "--hidden", "3", "--progress", "none", "--out", Pick(["", target])],
        };
    }

    // ---- Checkpoints -----------------------------------------------------------------------------

    /// <summary>Two small iris networks (init and perturbed), saved as Kelvin safetensors.</summary>
    private (string Before, string After, byte[] Bytes) Checkpoints()
    {
        var init = Mlp.Initialize(MlpArchitecture.Parse("4-5-3", "tanh"), [InitializationScheme.Parse("he-normal")], new Rng(5, 0));
        var after = init.Clone();
        foreach (var layer in after.Layers)
        {
            var w = layer.Weights;
            for (int i = 0; i < w.Length; i++) w[i] *= 0.9f;
        }
        var provenance = new NetworkProvenance("ce", "iris", Seed: 3, EvaluationSize: 60);
        string a = Path.Combine(_work.Inputs, "before.safetensors"), b = Path.Combine(_work.Inputs, "after.safetensors");
        NetworkCheckpoint.Save(a, init, provenance);
        NetworkCheckpoint.Save(b, after, provenance);
        return (a, b, File.ReadAllBytes(b));
    }

    private string[] CheckpointCase((string Before, string After, byte[] Bytes) c)
    {
        byte[] bytes = (byte[])c.Bytes.Clone();
        switch (_rng.Next(4))
        {
            case 0:
                for (int k = _rng.Next(1, 9); k > 0; k--) bytes[_rng.Next(bytes.Length)] ^= (byte)_rng.Next(1, 256);
                break;
            case 1:
                Array.Resize(ref bytes, _rng.Next(bytes.Length));
                break;
            case 2:
                bytes = SafetensorsEdit.WithMetadata(bytes, "kelvin.dataset",
                    Pick(["../../../../etc/passwd", "/etc/passwd", "/dev/zero", "/etc/shadow", _work.Inputs, "iris\u0000", "fashion-mnist/../../etc/passwd", new string('d', 5000)]));
                break;
            default:
                bytes = SafetensorsEdit.WithMetadata(bytes, Pick(["kelvin.energy", "kelvin.eval_size", "kelvin.seed", "kelvin.test_fraction", "kelvin.loss", "format"]),
                    Pick(["NaN", "1e308", "-Infinity", "abc", "-1", "0", "1", "99999999999", "xyz", "kelvin-mlp/1", "0,5"]));
                break;
        }
        string mutated = Path.Combine(_work.Inputs, $"mutated{++_serial}.safetensors");
        File.WriteAllBytes(mutated, bytes);
        List<string> args = _rng.Next(3) switch
        {
            0 => ["inspect", mutated, "--estimator", Pick(["gaussian", "knn", "vasicek", "histogram", "ebrahimi"])],
            1 when Chance(0.3) => ["compare", c.Before, mutated, "--energy-before", Pick(BadNumbers), "--energy-after", Pick(["1", "1e308", "-1e308", "0,5"])],
            1 => ["compare", c.Before, mutated],
            _ => ["compare", mutated, Chance(0.5) ? mutated : c.After, "--plot", OutPath("bars") + ".png"],
        };
        if (Chance(0.6)) args.Add("--json");
        return [.. args];
    }
}
