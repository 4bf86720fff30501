using Kelvin.Checkpoints;

namespace Kelvin.Tests.Checkpoints;

/// <summary>The committed fixtures of tests/fixtures/checkpoints (made by scripts/make-checkpoint-fixtures.sh).</summary>
internal static class CheckpointFixtures
{
    public static string Directory { get; } = Find();

    /// <summary>Losses of the fixture MLP on its training set (energies.json).</summary>
    public const double EnergyInit = 1.0445345640182495, EnergyTrained = 0.020301124081015587;

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));

    public static CheckpointFile Open(string file) => CheckpointFile.Open(PathOf(file));

    /// <summary>Opens in-memory bytes as the checkpoint <paramref name="fileName"/> would be.</summary>
    public static CheckpointFile Open(byte[] bytes, string fileName) => CheckpointFile.Open(new MemoryStream(bytes, writable: false), fileName);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "checkpoints");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("tests/fixtures/checkpoints not found above " + AppContext.BaseDirectory);
    }
}
