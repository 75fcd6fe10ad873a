using Microsoft.Extensions.Logging;

namespace Frugal.Cli.Output;

/// <summary>
/// Writes log lines to the command's error stream (a person reads them; stdout stays clean for --format json).
/// Information and above only: what was done, what was skipped, what failed.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new LineLogger(writer, _gate);

    public void Dispose()
    {
    }

    private sealed class LineLogger(TextWriter writer, Lock gate) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var prefix = logLevel switch
            {
                LogLevel.Warning => "warning: ",
                LogLevel.Error or LogLevel.Critical => "error: ",
                _ => string.Empty,
            };
            var cause = exception is null ? string.Empty : $" ({exception.Message})";
            var line = prefix + formatter(state, exception) + cause;
            lock (gate)
            {
                writer.WriteLine(line);
            }
        }
    }
}
