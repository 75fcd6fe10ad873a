using System.Globalization;
using System.Text.Json;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Frugal.Hosting.GpuJobs;

namespace Frugal.Cli.Output;

/// <summary>How <c>frugal gpu</c> writes a submission and the job list, as text or JSON.</summary>
internal static class GpuJobOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void WriteSubmission(GpuJobSubmission submission, string format, TextWriter output)
    {
        var job = submission.Job;
        var state = job.State.ToString().ToLowerInvariant();
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(
                new { job.Id, State = state, job.Reason, submission.Duplicate }, Json));
            return;
        }

        var known = submission.Duplicate ? " (already submitted)" : "";
        output.WriteLine($"{job.Id}: {state}{known}: {job.Reason}");
    }

    public static void WriteListing(GpuJobListing listing, string format, TextWriter output)
    {
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                Jobs = listing.Jobs.Select(JobRow),
                Usage = listing.Usage.Select(UsageRow),
            }, Json));
            return;
        }

        var jobs = new TextTable("ID", "MODEL", "VERSION", "STATE", "GPU-SECONDS", "COST/1000", "REASON")
            .AlignRight(4, 5);
        foreach (var job in listing.Jobs)
        {
            jobs.Add(job.Id, job.Model, job.Version ?? "latest", job.State.ToString().ToLowerInvariant(),
                Seconds(job.Result?.GpuSeconds), PerThousand(job.Result?.CostPerThousand), job.Reason ?? "");
        }

        jobs.Write(output);
        output.WriteLine();
        var usage = new TextTable("MODEL", "VERSION", "PREDICTIONS", "GPU-SECONDS", "COST", "COST/1000")
            .AlignRight(2, 3, 4, 5);
        foreach (var row in listing.Usage)
        {
            usage.Add(row.Model, row.Version, row.Predictions.ToString("N0", CultureInfo.InvariantCulture),
                Seconds(row.GpuSeconds), Amount(row.Cost), PerThousand(row.CostPerThousand));
        }

        usage.Write(output);
    }

    private static object JobRow(GpuJob job) => new
    {
        job.Id, job.Model, job.Version, State = job.State.ToString().ToLowerInvariant(), job.Reason,
        job.Request?.Budget, job.Result?.GpuSeconds, job.Result?.Predictions,
        Cost = job.Result?.Cost.Amount, Currency = job.Result?.Cost.Currency.Code,
        CostPer1000 = job.Result?.CostPerThousand?.Amount, job.SubmittedAt, job.FinishedAt,
    };

    private static object UsageRow(ModelInferenceUsage usage) => new
    {
        usage.Model, usage.Version, usage.Predictions, usage.GpuSeconds, Cost = usage.Cost.Amount,
        Currency = usage.Cost.Currency.Code, CostPer1000 = usage.CostPerThousand?.Amount,
    };

    private static string Seconds(decimal? seconds) =>
        seconds is { } s ? s.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    private static string Amount(Engine.Money.Money money) =>
        string.Create(CultureInfo.InvariantCulture, $"{money.Currency} {money.Amount:0.######}");

    // Per-thousand figures are fractions of a cent: shown to eight significant places, not rounded to cents.
    private static string PerThousand(Engine.Money.Money? money) =>
        money is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m.Currency} {m.Amount:0.##########}") : "-";
}
