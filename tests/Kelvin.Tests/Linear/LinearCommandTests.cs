using System.Diagnostics;
using System.Text.Json;
using Kelvin.Tests.Cli;

namespace Kelvin.Tests.Linear;

[Collection("Console")]
public sealed class LinearCommandTests : IDisposable
{
    // Small and fast: d = 3, n = 1000, K = 32.
    private static readonly string[] Small = ["linear", "--d", "3", "--n", "1000", "--ensemble", "32", "--late", "8", "--seed", "5"];
    private readonly string _dir = Directory.CreateTempSubdirectory("kelvin-linear-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary><see cref="Small"/> with <paramref name="extra"/> options added or overriding (an option given twice is a parse error).</summary>
    private static string[] Args(params string[] extra)
    {
        var given = extra.Where(a => a.StartsWith("--")).ToHashSet();
        var args = new List<string> { Small[0] };
        for (int i = 1; i < Small.Length; i += 2)
            if (!given.Contains(Small[i])) args.AddRange([Small[i], Small[i + 1]]);
        return [.. args, .. extra];
    }

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void JsonHasExactlyTheIssuesShape()
    {
        var (exit, stdout, stderr) = CliHarness.Run(Args("--loss", "mse", "--init", "mixed", "--json"));
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(["view", "T_asymptotic", "temperature_se", "sign_resolved", "analytic", "simulated", "agreement"], Names(r));
        Assert.Equal("ensemble", r.GetProperty("view").GetString());
        Assert.Equal(r.GetProperty("simulated").GetProperty("stderr").GetProperty("T").GetDouble(), r.GetProperty("temperature_se").GetDouble());
        string[] keys = ["E_init", "S_init", "E_trained", "S_trained", "T", "regime"];
        Assert.Equal(keys, Names(r.GetProperty("analytic")));
        Assert.Equal([.. keys, "stderr"], Names(r.GetProperty("simulated")));
        Assert.Equal(["E_init", "S_init", "E_trained", "S_trained", "T"], Names(r.GetProperty("simulated").GetProperty("stderr")));
        Assert.Equal(["T_rel_diff", "max_z", "T_z", "pass"], Names(r.GetProperty("agreement")));
        Assert.True(r.GetProperty("agreement").GetProperty("pass").GetBoolean());
        Assert.Equal("normal", r.GetProperty("analytic").GetProperty("regime").GetString());
        Assert.True(r.GetProperty("analytic").GetProperty("T").GetDouble() > 0);
        Assert.True(r.GetProperty("agreement").GetProperty("max_z").GetDouble() < 4);
    }

    [Fact]
    public void ShiftAddsTheRefreshBlock()
    {
        var (exit, stdout, stderr) = CliHarness.Run(Args("--shift", "concept", "--shift-size", "0.5", "--json"));
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var refresh = doc.RootElement.GetProperty("refresh");
        Assert.Equal(["analytic", "simulated"], Names(refresh));
        Assert.Equal(["T", "W", "Q", "regime"], Names(refresh.GetProperty("analytic")));
        Assert.Equal(["T", "W", "Q", "regime", "stderr"], Names(refresh.GetProperty("simulated")));
        Assert.Equal(JsonValueKind.Null, refresh.GetProperty("analytic").GetProperty("T").ValueKind);
        Assert.Equal("isentropic", refresh.GetProperty("analytic").GetProperty("regime").GetString());
        Assert.Equal("isentropic", refresh.GetProperty("simulated").GetProperty("regime").GetString());
    }

    [Fact]
    public void TableShowsEachQuantityAnalyticVsSimulated()
    {
        var (exit, stdout, stderr) = CliHarness.Run(Args("--loss", "mae", "--shift", "noise", "--shift-size", "2"));
        Assert.True(exit == 0, stderr);
        foreach (var row in new[] { "E_init", "S_init", "E_trained", "S_trained", "T_I", "T_II (loss/nat)", "W work", "Q heat", "(an−sim)/SE" })
            Assert.Contains(row, stdout);
    }

    [Fact]
    public void SweepWritesJsonCsvAndPng()
    {
        string png = Path.Combine(_dir, "sweep.png"), csv = Path.Combine(_dir, "sweep.csv");
        var (exit, stdout, stderr) = CliHarness.Run(Args("--sweep", "batch", "--from", "4", "--to", "16", "--points", "2", "--plot", png, "--csv", csv, "--json"));
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("batch", doc.RootElement.GetProperty("parameter").GetString());
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([4.0, 16.0], points.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal(["value", "T_analytic", "T_simulated", "T_simulated_se", "T_asymptotic", "regime_analytic", "regime_simulated",
                      "beta_analytic", "beta_simulated", "beta_simulated_se", "beta_asymptotic"], Names(points[0]));
        Assert.Equal("ensemble", doc.RootElement.GetProperty("view").GetString());
        Assert.Equal(3, File.ReadAllLines(csv).Length);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Theory]
    [InlineData("particle")]
    [InlineData("thermal")]
    public void ViewIsNamedAndTheThermalWindowReported(string view)
    {
        var (exit, stdout, stderr) = CliHarness.Run(Args("--loss", "mse", "--view", view, "--json"));
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(view, r.GetProperty("view").GetString());
        Assert.True(r.GetProperty("agreement").GetProperty("pass").GetBoolean(), stdout);
        Assert.Equal(view == "thermal", r.TryGetProperty("thermal_window", out var w));
        if (view == "thermal") Assert.True(w.GetProperty("thinning").GetInt32() > 0);
        var (code, table, _) = CliHarness.Run(Args("--loss", "mse", "--view", view));
        Assert.Equal(0, code);
        string flat = string.Join(" ", table.Split((char[])['\n', ' ', '│'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"entropy view: {view}", flat);
    }

    [Fact]
    public void EmpiricalCsvDataRun()
    {
        string path = Path.Combine(_dir, "d.csv");
        var teacher = LinearTestData.Regression(2, 400);
        File.WriteAllLines(path, new[] { "a,b,y" }.Concat(Enumerable.Range(0, 400).Select(i =>
            FormattableString.Invariant($"{teacher.Data.Features[2 * i]},{teacher.Data.Features[2 * i + 1]},{teacher.Data.Targets[i]}"))));
        var (exit, stdout, stderr) = CliHarness.Run("linear", "--data", path, "--target", "y", "--ensemble", "32", "--late", "8", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("normal", doc.RootElement.GetProperty("analytic").GetProperty("regime").GetString());
    }

    [Theory]
    [InlineData("unknown --init", "--init", "gaussian")]
    [InlineData("--lr must be", "--lr", "-0.1")]
    [InlineData("--d must be", "--d", "0")]
    [InlineData("--ensemble must be", "--ensemble", "1")]
    [InlineData("unknown --sweep", "--sweep", "temperature", "--from", "1", "--to", "2")]
    [InlineData("--sweep needs --from", "--sweep", "lr")]
    [InlineData("unknown shift", "--shift", "sideways")]
    [InlineData("needs classification", "--shift", "label")]
    [InlineData("CSV file not found", "--data", "/nonexistent/x.csv", "--target", "y")]
    [InlineData("--data needs --target", "--data", "/nonexistent/x.csv")]
    [InlineData("unknown --lyapunov", "--lyapunov", "exact")]
    [InlineData("unknown --view", "--view", "gaussian")]
    [InlineData("ensemble view only", "--view", "particle", "--shift", "noise")]
    [InlineData("diverges", "--lr", "1.5")]
    [InlineData("linearly separable", "--loss", "ce", "--d", "10", "--n", "200", "--noise", "0.001")]
    public void BadInputIsOneLineOnStderr(string message, params string[] extra)
    {
        var (exit, stdout, stderr) = CliHarness.Run(Args(extra));
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void SameSeedSameJsonOnOneProcessorAndMany()
    {
        // A separate process per run, so DOTNET_PROCESSOR_COUNT really limits the thread pool.
        string[] args = [.. Args("--loss", "ce", "--init", "uniform", "--noise", "1", "--lr", "0.05", "--json")];
        string one = RunProcess(args, processors: 1), many = RunProcess(args, processors: null);
        Assert.StartsWith("{", one);
        Assert.Equal(one, many);
        Assert.Equal(one, CliHarness.Run(args).Out);
    }

    private static string RunProcess(string[] args, int? processors)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kelvin.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        if (processors is int p) info.Environment["DOTNET_PROCESSOR_COUNT"] = p.ToString();
        using var process = Process.Start(info)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return stdout;
    }
}
