using System.Text.Json;
using Kelvin.Checkpoints;
using Kelvin.Cli;
using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Files;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Numerics;
using Kelvin.Randomness;
using Kelvin.Reports;
using Kelvin.Run;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Cli;

/// <summary>One reproduction per breakage of issue 13, each now a one-line refusal or a correct answer
/// (the seeded corpus in Fuzz/ covers the same ground at random).</summary>
[Collection("Console")]
public sealed class ReliabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kelvin-reliability-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneLineError((int Exit, string Out, string Err) r, string fragment)
    {
        Assert.Equal(1, r.Exit);
        Assert.Null(CliFuzzCheck(r));
        Assert.Contains(fragment, r.Err);
    }

    private static string? CliFuzzCheck((int Exit, string Out, string Err) r) => Fuzz.CliFuzzTests.Check(["--json"], r.Exit, "", r.Err);

    // 1. Data loss -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("report.md/notes.txt")]
    [InlineData("temperature_curve.png/sub/thesis.tex")]
    [InlineData("notes.txt")]
    public void A_report_folder_holding_a_users_files_is_refused_and_left_alone(string userFile)
    {
        string target = Path.Combine(_dir, "rep");
        string notes = Write(Path.Combine("rep", userFile), "my notes");
        var e = Assert.Throws<KelvinException>(() => RunReport.Open(target));
        Assert.Contains("Kelvin did not write", e.Message);
        Assert.Equal("my notes", File.ReadAllText(notes));
    }

    [Fact]
    public void A_previous_report_is_replaced_and_its_files_recorded_in_the_manifest()
    {
        string target = Path.Combine(_dir, "rep");
        foreach (string text in new[] { "first", "second" })
        {
            using var folder = RunReport.Open(target);
            File.WriteAllText(folder.PathOf(RunReport.Markdown), text);
            folder.Publish();
        }
        Assert.Equal("second", File.ReadAllText(Path.Combine(target, RunReport.Markdown)));
        Assert.Contains(RunReport.Markdown, OutputManifest.Read(target));
        Assert.Empty(Directory.GetDirectories(_dir, ".rep*"));
        // A file the user adds after the report was written makes the next run refuse.
        Write(Path.Combine("rep", "mine.txt"), "x");
        Assert.Throws<KelvinException>(() => RunReport.Open(target));
    }

    // 2. Untrusted metadata, devices ----------------------------------------------------------------------

    [Fact]
    public void Checkpoint_metadata_naming_a_file_is_never_opened()
    {
        string secret = Write("secret.csv", "root:x:0:0,target\n1,0\n2,1\n");
        var net = Mlp.Initialize(MlpArchitecture.Parse("4-3-3", "tanh"), [InitializationScheme.Parse("he-normal")], new Rng(1, 0));
        string a = Path.Combine(_dir, "a.safetensors"), b = Path.Combine(_dir, "b.safetensors");
        NetworkCheckpoint.Save(a, net, new NetworkProvenance("ce", secret, Energy: 1.0));
        NetworkCheckpoint.Save(b, net.Clone(), new NetworkProvenance("ce", secret, Energy: 0.5));
        var r = CliHarness.Run("compare", a, b, "--json");
        Assert.Equal(0, r.Exit);
        Assert.DoesNotContain("root:", r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        var global = doc.RootElement.GetProperty("global");
        Assert.Equal(JsonValueKind.Null, global.GetProperty("T").ValueKind); // the stored energies are not used
        Assert.Contains("not a bundled dataset", global.GetProperty("note").GetString());
    }

    [Fact]
    public void A_csv_path_in_metadata_is_opened_when_the_user_names_it()
    {
        string csv = Write("tiny.csv", "a,b,target\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{i % 7},{(i * 3) % 5},{i % 2}")) + "\n");
        string outDir = Path.Combine(_dir, "trained");
        Assert.Equal(0, CliHarness.Run("train", "--data", csv, "--epochs", "2", "--hidden", "4", "--progress", "none", "--out", outDir).Exit);
        string a = Path.Combine(outDir, "init.safetensors"), b = Path.Combine(outDir, "trained.safetensors");
        using (var without = JsonDocument.Parse(CliHarness.Run("compare", a, b, "--json").Out))
            Assert.Equal(JsonValueKind.Null, without.RootElement.GetProperty("global").GetProperty("T").ValueKind);
        var with = CliHarness.Run("compare", a, b, "--json", "--data", csv);
        Assert.Equal(0, with.Exit);
        using var doc = JsonDocument.Parse(with.Out);
        Assert.Equal("recomputed", doc.RootElement.GetProperty("global").GetProperty("energies").GetString());
    }

    [Theory]
    [InlineData("train", "--data", "/dev/zero", "not a regular file")]
    [InlineData("inspect", "/dev/zero", "", "not a regular file")]
    [InlineData("train", "--data", "DIR", "is a directory")]
    [InlineData("entropy", "DIR", "--column=a", "is a directory")]
    public void Devices_and_directories_are_refused_by_name(string command, string a, string b, string message)
    {
        string[] args = [command, .. new[] { a, b }.Select(x => x == "DIR" ? _dir : x).Where(x => x.Length > 0)];
        AssertOneLineError(CliHarness.Run(args), message);
    }

    [Fact]
    public void A_named_pipe_is_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows()) return;
        string fifo = Path.Combine(_dir, "pipe.csv");
        try { using var mk = System.Diagnostics.Process.Start("mkfifo", fifo); mk.WaitForExit(); }
        catch (System.ComponentModel.Win32Exception) { return; } // no mkfifo on this machine
        Assert.True(File.Exists(fifo));
        AssertOneLineError(CliHarness.Run("entropy", fifo, "--column", "a"), "not a regular file");
    }

    // 3, 4. Crashes and infinities --------------------------------------------------------------------------

    [Theory]
    [InlineData("1e-170")]
    [InlineData("1e160")]
    public void Entropy_of_tiny_or_huge_values_is_finite(string scale)
    {
        double s = double.Parse(scale, System.Globalization.CultureInfo.InvariantCulture);
        string csv = Write("s.csv", "x\n" + string.Join("\n", new[] { 1.0, 2, 3, 5, 8 }.Select(v => (v * s).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        var json = CliHarness.Run("entropy", csv, "--column", "x", "--json");
        Assert.Equal(0, json.Exit);
        using var doc = JsonDocument.Parse(json.Out);
        double gaussian = doc.RootElement.GetProperty("estimates").GetProperty("gaussian").GetDouble();
        Assert.Equal(Math.Log(s), gaussian, 0.02 * Math.Abs(Math.Log(s)));
        var table = CliHarness.Run("entropy", csv, "--column", "x");
        Assert.DoesNotContain("Infinity", table.Out);
    }

    [Theory]
    [InlineData("too large", "linear", "--d", "65536", "--n", "2")]
    [InlineData("too large", "linear", "--d", "50000", "--n", "500")]
    [InlineData("must lie in", "engine", "--activation", "leaky_relu(1e200)")]
    [InlineData("must lie in", "engine", "--activation", "elu(1e308)")]
    [InlineData("path is empty", "engine", "--activation", "relu", "--plot", "")]
    [InlineData("path is empty", "linear", "--sweep", "lr", "--from", "0.01", "--to", "0.02", "--csv", "")]
    [InlineData("path is empty", "run", "--out", "")]
    [InlineData("path is empty", "train", "--data", "iris", "--out", "")]
    [InlineData("path is empty", "shift", "--data", "iris", "--kind", "label", "--out", "")]
    [InlineData("differ by at least 1%", "calibrate", "--t1", "0.5", "--t2", "0.5")]
    public void Former_crashes_and_wrong_answers_are_one_line_refusals(string message, params string[] args) =>
        AssertOneLineError(CliHarness.Run(args), message);

    [Fact]
    public void Linear_data_with_too_many_columns_is_refused_before_any_matrix_is_built()
    {
        string csv = Write("wide.csv", string.Join(",", Enumerable.Range(0, 5000).Select(j => $"x{j}")) + ",y\n" +
                                       string.Join("\n", Enumerable.Range(0, 5).Select(i => string.Join(",", Enumerable.Range(0, 5001).Select(j => (i * j % 7).ToString())))) + "\n");
        AssertOneLineError(CliHarness.Run("linear", "--data", csv, "--target", "y"), "limit d ≤");
    }

    // 5. Numbers ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("0,5")]
    [InlineData("1,000")]
    [InlineData("1_000")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("")]
    public void InvariantNumber_refuses_what_is_not_a_plain_finite_number(string text) =>
        Assert.False(InvariantNumber.TryParse<double>(text, out _, out _));

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("-1e-3", -1e-3)]
    [InlineData(" 2 ", 2.0)]
    [InlineData("1E5", 1e5)]
    public void InvariantNumber_reads_plain_numbers(string text, double expected)
    {
        Assert.True(InvariantNumber.TryParse<double>(text, out double v, out _));
        Assert.Equal(expected, v);
        Assert.False(InvariantNumber.TryParse<int>("1e5", out _, out _));
    }

    [Theory]
    [InlineData("calibrate", "--t1", "0,5")]
    [InlineData("train", "--data", "iris", "--lr", "0,01")]
    [InlineData("entropy", "--n", "1,000")]
    [InlineData("linear", "--sigma", "0,5")]
    public void Comma_decimals_are_refused_on_every_command(params string[] args) =>
        AssertOneLineError(CliHarness.Run(args), "separator");

    [Fact]
    public void A_comma_decimal_in_a_csv_cell_is_refused()
    {
        string csv = Write("c.csv", "x\n1\n0,5\n2\n");
        AssertOneLineError(CliHarness.Run("entropy", csv, "--column", "x"), "line 3");
    }

    // 6. Concurrent runs ----------------------------------------------------------------------------------------

    [Fact]
    public void A_second_run_on_the_same_folder_refuses_while_the_first_holds_the_lock()
    {
        string target = Path.Combine(_dir, "rep");
        using (RunReport.Open(target))
            Assert.Contains("being written by another kelvin run", Assert.Throws<KelvinException>(() => RunReport.Open(target)).Message);
        using (RunReport.Open(target)) { } // released
        Assert.Empty(Directory.GetFiles(_dir, ".rep.kelvin-lock"));
    }

    // 7. Overwrites ----------------------------------------------------------------------------------------------

    [Fact]
    public void A_users_file_is_overwritten_only_with_force_and_Kelvins_own_file_freely()
    {
        string user = Write("f.txt", "mine");
        AssertOneLineError(CliHarness.Run("engine", "--activation", "relu", "--points", "5", "--plot", user), "--force");
        Assert.Equal("mine", File.ReadAllText(user));
        Assert.Equal(0, CliHarness.Run("engine", "--activation", "relu", "--points", "5", "--plot", user, "--force").Exit);
        Assert.NotEqual("mine", File.ReadAllText(user));

        string png = Path.Combine(_dir, "eta.png");
        Assert.Equal(0, CliHarness.Run("engine", "--activation", "relu", "--points", "5", "--plot", png).Exit);
        Assert.Equal(0, CliHarness.Run("engine", "--activation", "relu", "--points", "5", "--plot", png).Exit); // Kelvin's own: replaced
        Assert.Contains("eta.png", OutputManifest.Read(_dir));
    }

    [Fact]
    public void Train_refuses_an_out_folder_whose_files_it_did_not_write_before_training()
    {
        string curve = Write(Path.Combine("trainout", "curve.csv"), "a user's curve");
        AssertOneLineError(CliHarness.Run("train", "--data", "iris", "--epochs", "1", "--out", Path.GetDirectoryName(curve)!), "--force");
        Assert.Equal("a user's curve", File.ReadAllText(curve));
    }

    // 8. One line -------------------------------------------------------------------------------------------------

    [Fact]
    public void Error_lines_escape_control_characters_and_cut_quoted_input()
    {
        string line = ErrorLine.Of($"bad '{new string('x', 5000)}' and \u001b[31m\u0000 here\nsecond");
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain(line, char.IsControl);
        Assert.Contains(@"\x1B[31m\x00", line);
        Assert.True(line.Length < 300, $"{line.Length} characters");
    }

    [Theory]
    [InlineData("calibrate", "--t1", "abc", "--json")]
    [InlineData("calibrate", "--bogus", "--json")]
    [InlineData("run", "--seed")]
    [InlineData()]
    public void Parse_errors_are_one_line_with_no_help_on_stdout(params string[] args)
    {
        var r = CliHarness.Run(args);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Out);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Raw_bytes_from_a_file_are_escaped_in_the_message()
    {
        string csv = Write("esc.csv", "x\n1\n2\u001b[2J\u0000\n");
        var r = CliHarness.Run("entropy", csv, "--column", "x");
        AssertOneLineError(r, @"\x1B[2J\x00");
    }

    // 9. Regimes ----------------------------------------------------------------------------------------------------

    [Fact]
    public void An_overflowing_temperature_is_refused_not_called_isentropic() =>
        Assert.Contains("overflows", Assert.Throws<KelvinException>(() => Transition.FromChanges(1e300, 1e-10, 0, 0)).Message);

    // 10. Small ones ----------------------------------------------------------------------------------------------

    [Fact]
    public void Run_takes_json() => AssertOneLineError(CliHarness.Run("run", "--json", "--out", ""), "--out: the path is empty");

    [Fact]
    public void Entropy_of_two_values_has_every_estimator() => Assert.Equal(0, CliHarness.Run("entropy", "--n", "2", "--json").Exit);

    [Fact]
    public void Leaky_relu_takes_a_negative_slope() =>
        Assert.Equal(-0.1, Assert.IsType<LeakyRelu>(ActivationCatalog.Parse("leaky_relu(-0.1)")).Alpha);

    [Theory]
    [InlineData("a,a,target\n1,2,0\n3,4,1\n", "twice")]
    [InlineData("a,b,target\n1,2,0\n3,1\n", "line 3 has 2 cells")]
    [InlineData("a,,target\n1,2,0\n", "empty column name")]
    public void Every_command_reads_csv_the_same_way(string text, string message)
    {
        string csv = Write("t.csv", text);
        AssertOneLineError(CliHarness.Run("entropy", csv, "--column", "a"), message);
        AssertOneLineError(CliHarness.Run("train", "--data", csv, "--epochs", "1"), message);
        AssertOneLineError(CliHarness.Run("linear", "--data", csv, "--target", "target"), message);
    }

    [Fact]
    public void Semicolon_separators_are_detected_by_every_reader()
    {
        var data = CsvDatasetReader.Read(new StringReader("a;b;target\n1;2;0\n2;1;1\n3;3;0\n"), "target", null, "semi");
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(3, data.Count);
        string csv = Write("semi.csv", "a;b\n1;2\n2;5\n4;1\n");
        Assert.Equal([1.0, 2, 4], CsvColumn.Read(csv, "a"));
    }

    [Fact]
    public void Run_refuses_data_without_signal_before_any_work()
    {
        string csv = Write("const.csv", "a,target\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => $"5,{i % 3}")) + "\n");
        AssertOneLineError(CliHarness.Run("run", "--quick", "--data", csv, "--out", Path.Combine(_dir, "rep")), "every feature is constant");
        Assert.False(Directory.Exists(Path.Combine(_dir, "rep")));
    }
}
