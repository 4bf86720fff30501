using System.CommandLine;

namespace Kelvin.Cli;

/// <summary>
/// Runs a parsed command line. Bad input and failed computations end as one line on stderr and a
/// non-zero exit code, never a stack trace: <see cref="KelvinException"/> and I/O errors are the
/// user's to fix (exit 1); anything else is a Kelvin bug, reported in one line as such (exit 70).
/// </summary>
internal static class CliRunner
{
    public static int Invoke(RootCommand root, string[] args)
    {
        try
        {
            var parse = root.Parse(args);
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>Prints the one-line error for <paramref name="e"/> and returns the exit code.</summary>
    public static int Fail(Exception e)
    {
        Exception inner = e is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerException! : e;
        (string text, int code) = inner switch
        {
            KelvinException k => (ParameterFlags.Message(k), 1),
            FileNotFoundException f => ($"file not found: {f.FileName ?? f.Message}", 1),
            DirectoryNotFoundException d => ($"directory not found: {d.Message}", 1),
            UnauthorizedAccessException u => ($"not permitted: {u.Message}", 1),
            IOException io => ($"i/o error: {io.Message}", 1),
            OperationCanceledException => ("cancelled", 130),
            _ => ($"internal error ({inner.GetType().Name}): {inner.Message}", 70),
        };
        Console.Error.WriteLine($"kelvin: {OneLine(text)}");
        return code;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
