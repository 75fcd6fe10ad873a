namespace Frugal.GpuWorker.Jobs;

/// <summary>A job that can never succeed as written (bad input, an unknown model): it fails at once.</summary>
internal sealed class JobInputException : Exception
{
    public JobInputException(string message)
        : base(message)
    {
    }

    public JobInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JobInputException()
    {
    }
}
