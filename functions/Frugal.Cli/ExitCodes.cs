namespace Frugal.Cli;

/// <summary>The documented exit codes of the <c>frugal</c> command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failure while acting: an action or a delivery failed.</summary>
    public const int ActionFailed = 1;

    /// <summary>Bad input or configuration: nothing was done.</summary>
    public const int BadInput = 2;
}
