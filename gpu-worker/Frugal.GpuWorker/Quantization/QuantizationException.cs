namespace Frugal.GpuWorker.Quantization;

/// <summary>A model the quantizer cannot work on; the message is the one-line reason a failed job reports.</summary>
internal sealed class QuantizationException : Exception
{
    public QuantizationException(string message)
        : base(message)
    {
    }

    public QuantizationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QuantizationException()
    {
    }
}
