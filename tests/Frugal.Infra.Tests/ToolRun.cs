using System.Diagnostics;

namespace Frugal.Infra.Tests;

/// <summary>What a command-line tool printed and how it exited.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Errors);

/// <summary>Runs a tool to completion, with a ceiling so a hung tool fails the test instead of the run.</summary>
internal static class ToolRun
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(3);

    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, string? folder = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        using var timeout = new CancellationTokenSource(Ceiling);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} ran past {Ceiling.TotalMinutes} minutes");
        }

        return new ToolResult(process.ExitCode, await output, await errors);
    }

    /// <summary>The full path of a program on PATH, or null when it is not installed.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
