using System.CommandLine;
using Kelvin.Cli.Commands;

namespace Kelvin.Cli;

/// <summary>Every kelvin command, in the order `kelvin --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return EntropyCommand.Create();
        yield return CalibrateCommand.Create();
        yield return InspectCommand.Create();
        yield return CompareCommand.Create();
    }
}
