using System.CommandLine;
using System.Globalization;
using Frugal.Engine;
using Frugal.Samples;

namespace Frugal.Cli.Commands;

/// <summary><c>frugal samples focus</c>: writes the deterministic sample FOCUS export.</summary>
internal static class SamplesCommand
{
    public static Command Create(TextWriter stdout)
    {
        var rows = new Option<int>("--rows") { Description = "Data rows to write.", DefaultValueFactory = _ => 50_400 };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed; the same seed gives the same bytes.",
            DefaultValueFactory = _ => 2026,
        };
        var month = new Option<string>("--month") { Description = "The month, yyyy-MM.", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "File to write; a .gz name is compressed.",
            Required = true,
        };

        var focus = new Command("focus", "Write a month of ML-team spend as a FOCUS 1.2 CSV.")
        {
            rows, seed, month, output,
        };
        focus.SetAction(async parse =>
        {
            var count = parse.GetValue(rows);
            if (count <= 0)
            {
                throw new FrugalInputException($"--rows {count} must be a positive number of rows");
            }

            var monthStart = ParseMonth(parse.GetValue(month)!);
            var path = parse.GetValue(output)!;
            try
            {
                FocusSampleGenerator.WriteFile(path, count, parse.GetValue(seed), monthStart);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new FrugalInputException($"{path}: cannot be written: {ex.Message}", ex);
            }

            await stdout.WriteLineAsync(
                string.Create(CultureInfo.InvariantCulture, $"wrote {count} rows for {monthStart:yyyy-MM} to {path}"))
                .ConfigureAwait(false);
            return ExitCodes.Success;
        });

        return new Command("samples", "Generate sample data.") { focus };
    }

    private static DateOnly ParseMonth(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : throw new FrugalInputException($"--month '{text}' is not a month (yyyy-MM)");
}
