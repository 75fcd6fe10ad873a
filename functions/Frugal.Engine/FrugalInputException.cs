namespace Frugal.Engine;

/// <summary>
/// Input or configuration that Frugal cannot use: a missing file, a malformed export, an invalid policy.
/// The message is one line that names the file (and line, field or header) at fault; commands map it to exit 2
/// and functions to HTTP 400, without a stack trace.
/// </summary>
public sealed class FrugalInputException : Exception
{
    public FrugalInputException(string message)
        : base(message)
    {
    }

    public FrugalInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FrugalInputException()
    {
    }
}
