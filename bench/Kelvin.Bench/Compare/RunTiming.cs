using System.Diagnostics;
using Kelvin.Data;
using Kelvin.Run;

namespace Kelvin.Bench.Compare;

/// <summary>
/// <c>run --members 4 [--quick 1]</c>: `kelvin run`'s pipeline (every stage but writing the report) on
/// digits with the default profile and K members per network: seconds in total and per stage (wall
/// clock and this process's CPU seconds).
/// </summary>
public static class RunTiming
{
    public static Dictionary<string, object> Run(CompareOptions o)
    {
        var profile = RunProfile.Of(o.Int("quick", 0) != 0);
        profile = profile with { Members = o.Int("members", profile.Members) };
        var request = new RunRequest(DatasetCatalog.Load("digits"), "digits", 1, profile);
        var stages = new Dictionary<string, object>();
        var clock = Stopwatch.StartNew();
        double cpu0 = ThermometerAccuracy.Cpu();
        double stageStart = 0, stageCpu = cpu0;
        RunPipeline.Run(request, (stage, fraction) =>
        {
            if (fraction == 0) { stageStart = clock.Elapsed.TotalSeconds; stageCpu = ThermometerAccuracy.Cpu(); }
            else if (fraction >= 1)
                stages[stage.ToString()] = new { seconds = clock.Elapsed.TotalSeconds - stageStart, cpu_seconds = ThermometerAccuracy.Cpu() - stageCpu };
        });
        return new Dictionary<string, object>
        {
            ["profile"] = profile.Name, ["members"] = profile.Members, ["seconds"] = clock.Elapsed.TotalSeconds,
            ["cpu_seconds"] = ThermometerAccuracy.Cpu() - cpu0, ["stages"] = stages,
        };
    }
}
