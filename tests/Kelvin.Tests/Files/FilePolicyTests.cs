using Kelvin.Files;

namespace Kelvin.Tests.Files;

/// <summary>The input and output file policies on their own (the CLI tests show them at work).</summary>
public sealed class FilePolicyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kelvin-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_input_above_its_size_limit_is_refused_with_its_size()
    {
        string path = Path.Combine(_dir, "big.csv");
        File.WriteAllText(path, new string('1', 2048));
        Assert.Equal(Path.GetFullPath(path), InputFile.Check(path, "CSV file", 4096));
        Assert.Contains("2048 bytes", Assert.Throws<KelvinException>(() => InputFile.Check(path, "CSV file", 1024)).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/dev/null")]
    [InlineData("/proc/self/status")]
    public void Empty_paths_devices_and_kernel_files_are_refused(string path) =>
        Assert.Throws<KelvinException>(() => InputFile.Check(path, "CSV file", InputFile.CsvLimit));

    [Fact]
    public void The_manifest_lists_plain_names_only()
    {
        File.WriteAllLines(Path.Combine(_dir, OutputManifest.FileName), ["a.png", "../etc/passwd", "sub/b.csv", "", "..", "c.csv"]);
        Assert.Equal(["a.png", "c.csv"], OutputManifest.Read(_dir).Order());
    }

    [Fact]
    public void An_output_file_is_replaced_only_when_Kelvin_wrote_it_or_with_force()
    {
        string mine = Path.Combine(_dir, "plot.png");
        OutputFile.Write(mine, "--plot", force: false, p => File.WriteAllText(p, "1"));
        OutputFile.Write(mine, "--plot", force: false, p => File.WriteAllText(p, "2")); // Kelvin's own
        Assert.Equal("2", File.ReadAllText(mine));

        string theirs = Path.Combine(_dir, "theirs.png");
        File.WriteAllText(theirs, "user");
        Assert.Contains("--force", Assert.Throws<KelvinException>(() => OutputFile.Prepare(theirs, "--plot", force: false)).Message);
        OutputFile.Write(theirs, "--plot", force: true, p => File.WriteAllText(p, "kelvin"));
        Assert.Equal("kelvin", File.ReadAllText(theirs));

        Assert.Contains("directory", Assert.Throws<KelvinException>(() => OutputFile.Prepare(_dir, "--plot", force: true)).Message);
        if (!OperatingSystem.IsWindows())
        {
            string link = Path.Combine(_dir, "link.png");
            File.CreateSymbolicLink(link, theirs);
            Assert.Contains("symbolic link", Assert.Throws<KelvinException>(() => OutputFile.Prepare(link, "--plot", force: true)).Message);
        }
    }
}
