using System.CommandLine;

namespace Kelvin.Cli;

/// <summary>
/// Runs a parsed command line. Every failure ends as exactly one line on stderr (<see cref="ErrorLine"/>)
/// and exit code 1, never a stack trace and never help text: parse errors (the first one, nothing on
/// stdout), <see cref="KelvinException"/> (the user's input or a computation without a meaningful
/// number), I/O errors, and anything else (reported as an internal error, still one line).
/// Only a cancellation (Ctrl-C) exits with 130.
/// </summary>
internal static class CliRunner
{
    public static int Invoke(RootCommand root, string[] args)
    {
        try
        {
            NumberOptions.Apply(root);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                string command = parse.CommandResult.Command is RootCommand ? "kelvin" : $"kelvin {parse.CommandResult.Command.Name}";
                Console.Error.WriteLine(ErrorLine.Of($"{parse.Errors[0].Message} (see {command} --help)"));
                return 1;
            }
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
        if (inner is System.Reflection.TargetInvocationException { InnerException: { } t }) inner = t;
        (string text, int code) = inner switch
        {
            KelvinException k => (ParameterFlags.Message(k), 1),
            FileNotFoundException f => ($"file not found: '{f.FileName ?? f.Message}'", 1),
            DirectoryNotFoundException d => ($"directory not found: {d.Message}", 1),
            UnauthorizedAccessException u => ($"not permitted: {u.Message}", 1),
            PathTooLongException p => ($"path too long: {p.Message}", 1),
            IOException io => ($"i/o error: {io.Message}", 1),
            OutOfMemoryException => ("out of memory: the problem is too large for this machine (reduce its size)", 1),
            OperationCanceledException => ("cancelled", 130),
            _ => ($"internal error ({inner.GetType().Name}): {inner.Message}", 1),
        };
        Console.Error.WriteLine(ErrorLine.Of(text));
        return code;
    }
}
