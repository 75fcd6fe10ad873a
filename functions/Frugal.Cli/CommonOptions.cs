using System.CommandLine;
using System.Globalization;
using Frugal.Engine;

namespace Frugal.Cli;

/// <summary>Options shared by several commands, declared once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Policy() => new("--policy")
    {
        Description = "The policy file (YAML).",
        Required = true,
    };

    public static Option<string[]> Focus() => new("--focus")
    {
        Description = "A FOCUS CSV file or folder (repeatable); overrides the policy's sources.focus.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> State() => new("--state")
    {
        Description = "The SQLite state file; overrides the policy's state.path.",
    };

    public static Option<string?> Now() => new("--now")
    {
        Description = "Evaluate as of this instant (ISO 8601, e.g. 2026-11-20T12:00:00Z); default: the clock.",
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join('|', formats)}.",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<bool> Strict() => new("--strict")
    {
        Description = "Fail on the first malformed cost row instead of skipping it.",
    };

    /// <summary>The clock for a command: fixed at <c>--now</c> when given, else the system clock.</summary>
    public static TimeProvider Clock(string? now)
    {
        if (string.IsNullOrWhiteSpace(now))
        {
            return TimeProvider.System;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, styles, out var instant)
            ? new FixedTimeProvider(instant)
            : throw new FrugalInputException($"--now: '{now}' is not a timestamp (for example 2026-11-20T12:00:00Z)");
    }
}
