namespace Frugal.Cli;

/// <summary>A clock stopped at the instant given by <c>--now</c>, so a plan can be replayed as of any moment.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
