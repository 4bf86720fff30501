using System.CommandLine;
using Kelvin.Cli;

namespace Kelvin.Tests.Cli;

/// <summary>Runs kelvin in-process with stdout and stderr captured (tests using it share the
/// "Console" collection, so they never redirect the console concurrently).</summary>
internal static class CliHarness
{
    private static readonly object Gate = new();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var root = new RootCommand("kelvin");
            foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (o, e) = (new StringWriter(), new StringWriter());
            Console.SetOut(o);
            Console.SetError(e);
            try { return (CliRunner.Invoke(root, args), o.ToString(), e.ToString()); }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        }
    }
}
