using Frugal.Engine;
using Frugal.Engine.GpuJobs;
using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>
/// <c>POST /api/gpu-jobs</c>, shared by the Functions HTTP trigger and <c>frugal serve</c>: 413 over 64 KiB, 400
/// naming every field at fault, 409 when the id names another job, 202 with the job's state (held with the
/// reason, or sent), the same 202 for a repeat of the same job, 503 when Frugal's own configuration is broken.
/// </summary>
public sealed partial class GpuJobHandler(
    GpuJobDispatch dispatch, IOptions<FrugalHostOptions> options, ILogger<GpuJobHandler> logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<WebhookReply> SubmitAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, ct).ConfigureAwait(false) is not { } body)
        {
            return WebhookReply.Error(StatusCodes.Status413PayloadTooLarge, "the body is larger than 64 KiB");
        }

        var settings = options.Value;
        var job = new BudgetJobRequest(settings.PolicyPath, [.. settings.FocusPaths], settings.StatePath);
        GpuJobDispatchResult result;
        try
        {
            result = await dispatch.SubmitAsync(job, body, ct).ConfigureAwait(false);
        }
        catch (FrugalInputException ex)
        {
            LogCannotTakeIn(ex);
            return WebhookReply.Error(StatusCodes.Status503ServiceUnavailable,
                "Frugal cannot take GPU jobs in: its policy, cost data or queue settings are not usable (see the log)");
        }

        return Reply(result);
    }

    private static WebhookReply Reply(GpuJobDispatchResult result)
    {
        if (result.Submission is not { } submission)
        {
            var errors = result.Errors.Select(e => new GpuJobFieldProblem(e.Field, e.Message)).ToList();
            return new WebhookReply(StatusCodes.Status400BadRequest,
                new GpuJobRefusal(string.Join("; ", result.Errors), errors));
        }

        if (submission.Conflict)
        {
            return WebhookReply.Error(StatusCodes.Status409Conflict,
                $"job id '{submission.Job.Id}' already names another job; choose a new id");
        }

        return new WebhookReply(StatusCodes.Status202Accepted, GpuJobReceipt.Of(submission));
    }

    [LoggerMessage(EventId = 3720, Level = LogLevel.Error, Message = "A GPU job could not be taken in")]
    private partial void LogCannotTakeIn(Exception exception);
}

/// <summary>The answer to an accepted job: where it stands and why; <c>duplicate</c> when the id was known.</summary>
public sealed record GpuJobReceipt(string Id, string State, string? Reason, string Budget, bool Duplicate)
{
    public static GpuJobReceipt Of(GpuJobSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var job = submission.Job;
        return new GpuJobReceipt(job.Id, job.State.ToString().ToLowerInvariant(), job.Reason,
            job.Request?.Budget ?? "", submission.Duplicate);
    }
}

/// <summary>A refused job request: every field at fault.</summary>
public sealed record GpuJobRefusal(string Error, IReadOnlyList<GpuJobFieldProblem> Errors);

/// <summary>One field of a refused request and what is wrong with it.</summary>
public sealed record GpuJobFieldProblem(string Field, string Message);
