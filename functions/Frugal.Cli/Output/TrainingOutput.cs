using System.Globalization;
using Frugal.Engine.Training;

namespace Frugal.Cli.Output;

/// <summary>Writes training jobs as a table, as a job card, or as the stored JSON.</summary>
internal static class TrainingOutput
{
    public static void WriteList(IReadOnlyList<TrainingJob> jobs, string format, TextWriter output)
    {
        if (format == "json")
        {
            output.WriteLine("[" + string.Join(",", jobs.Select(TrainingJobJson.Write)) + "]");
            return;
        }

        var table = new TextTable("NAME", "STATE", "PRIO", "GPUS", "TRY", "ESTIMATE", "ACTUAL", "SAVING", "WHY")
            .AlignRight(2, 3, 4);
        foreach (var job in jobs)
        {
            table.Add(job.Id, job.State.ToString().ToLowerInvariant(), Number(job.Spec.Priority),
                Number(job.Spec.GpuCount), Number(job.Attempt), Text(job.Costs.Estimated), Text(job.Costs.Actual),
                Text(job.Costs.Saving), job.Reason ?? string.Empty);
        }

        table.Write(output);
    }

    public static void WriteJob(TrainingJob job, string format, TextWriter output)
    {
        if (format == "json")
        {
            output.WriteLine(TrainingJobJson.Write(job));
            return;
        }

        var spec = job.Spec;
        output.WriteLine($"job        {job.Id} ({job.Source}, priority {Number(spec.Priority)})");
        output.WriteLine($"state      {job.State.ToString().ToLowerInvariant()}");
        output.WriteLine($"why        {job.Reason ?? "-"}");
        output.WriteLine($"machine    {spec.MachineType}" +
            (spec.Accelerator is { } gpu ? $" + {gpu.Count} x {gpu.Type}" : string.Empty));
        output.WriteLine($"zones      {string.Join(", ", spec.Zones)}");
        output.WriteLine($"checkpoint {spec.CheckpointUri}");
        output.WriteLine($"attempts   {Number(job.Attempt)}, restarts {Number(job.Restarts)}, " +
            $"GPU-minutes lost {job.GpuMinutesLost.ToString("0.#", CultureInfo.InvariantCulture)}");
        if (job.Placement is { } vm)
        {
            output.WriteLine($"vm         {vm.InstanceName} in {vm.Zone} ({vm.Model})");
        }

        output.WriteLine($"estimate   {Text(job.Costs.Estimated)} (on demand {Text(job.Costs.EstimatedOnDemand)})");
        output.WriteLine($"actual     {Text(job.Costs.Actual)}, saving against on demand {Text(job.Costs.Saving)}");
        if (spec.OnSuccess is { } next)
        {
            output.WriteLine(job.Chained is { } run
                ? $"then       {run.What} {run.JobId}: {run.Status}"
                : $"then       {next.Describe()}, once the job has succeeded");
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(Engine.Money.Money? money) => money?.ToString() ?? "-";
}
