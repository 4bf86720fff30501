using Kelvin.Reports;

namespace Kelvin.Tests.Run;

public class ReportFolderStagingTests
{
    [Fact]
    public void OpeningRemovesStaleStagingFoldersButNotThoseOfARunningProcessOrUnmarkedOnes()
    {
        string parent = Path.Combine(Path.GetTempPath(), $"kelvin-staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(parent);
        string live = Path.Combine(parent, ".report.kelvin-tmp-1");          // pid 1 is always running
        string dead = Path.Combine(parent, ".report.kelvin-tmp-2147483646"); // no such process
        string unmarked = Path.Combine(parent, ".report.kelvin-tmp-2147483645"); // no Kelvin marker: not ours
        foreach (var d in new[] { live, dead, unmarked }) Directory.CreateDirectory(d);
        foreach (var d in new[] { live, dead }) File.WriteAllText(Path.Combine(d, ".kelvin-staging"), "");
        File.WriteAllText(Path.Combine(unmarked, "thesis.tex"), "a user's file");
        using (var folder = ReportFolder.Open(Path.Combine(parent, "report")))
        {
            Assert.True(Directory.Exists(live));
            Assert.False(Directory.Exists(dead));
            Assert.True(File.Exists(Path.Combine(unmarked, "thesis.tex")));
            Assert.True(Directory.Exists(folder.Staging));
        }
        Assert.False(Directory.Exists(Path.Combine(parent, "report")));
        Directory.Delete(parent, recursive: true);
    }
}
