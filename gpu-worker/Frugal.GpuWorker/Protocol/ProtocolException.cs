namespace Frugal.GpuWorker.Protocol;

/// <summary>
/// A request the worker refuses or cannot serve. Endpoints answer it with <see cref="StatusCode"/> and the
/// protocol's error body, <c>{"error": message}</c>; the message is one line naming the field at fault.
/// </summary>
internal sealed class ProtocolException : Exception
{
    public ProtocolException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    public ProtocolException(int statusCode, string message, Exception innerException)
        : base(message, innerException) => StatusCode = statusCode;

    public ProtocolException()
        : this(StatusCodes.Status500InternalServerError, "inference failed")
    {
    }

    public ProtocolException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : this(StatusCodes.Status400BadRequest, message, innerException)
    {
    }

    public int StatusCode { get; }

    public static ProtocolException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ProtocolException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}
