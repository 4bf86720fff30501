using System.CommandLine;
using Kelvin.Cli.Commands;

namespace Kelvin.Cli;

/// <summary>Every kelvin command, in the order `kelvin --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return RunCommand.Create();
        yield return EntropyCommand.Create();
        yield return CalibrateCommand.Create();
        yield return TrainCommand.Create();
        yield return ShiftCommand.Create();
        yield return EngineCommand.Create();
        yield return LinearCommand.Create();
        yield return InspectCommand.Create();
        yield return CompareCommand.Create();
        yield return StudyCommand.Create();
        yield return TrajectoryCommand.Create();
    }
}
