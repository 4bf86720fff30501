namespace Kelvin;

/// <summary>
/// An error in the user's input or in a computation that cannot give a meaningful number
/// (a NaN in the data, too few distinct values, a diverging run). The command line prints its
/// message as one line on stderr and exits non-zero; it never shows a stack trace for it.
/// </summary>
/// <remarks>Messages speak of the library's parameters (e.g. <c>learningRate</c>), never of command-line
/// flags; when an error concerns one parameter, <see cref="Parameter"/> names it, so that a front end can
/// say it in its own words (the CLI writes <c>--lr</c>).</remarks>
public class KelvinException : Exception
{
    public KelvinException(string message) : base(message) { }
    public KelvinException(string message, Exception inner) : base(message, inner) { }

    /// <summary>An error about the parameter <paramref name="parameter"/>, which the message names.</summary>
    public KelvinException(string message, string parameter) : base(message) => Parameter = parameter;

    /// <summary>The library parameter the error is about (as the message spells it), or null.</summary>
    public string? Parameter { get; }
}
