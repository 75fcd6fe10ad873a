namespace Frugal.Engine.State;

/// <summary>The state store's schema is one this Frugal cannot use (newer than it knows, or damaged).</summary>
public sealed class StateSchemaException : Exception
{
    public StateSchemaException(string message)
        : base(message)
    {
    }

    public StateSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StateSchemaException()
    {
    }
}
