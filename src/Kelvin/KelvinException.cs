namespace Kelvin;

/// <summary>
/// An error in the user's input or in a computation that cannot give a meaningful number
/// (a NaN in the data, too few distinct values, a diverging run). The command line prints its
/// message as one line on stderr and exits non-zero; it never shows a stack trace for it.
/// </summary>
public class KelvinException : Exception
{
    public KelvinException(string message) : base(message) { }
    public KelvinException(string message, Exception inner) : base(message, inner) { }
}
