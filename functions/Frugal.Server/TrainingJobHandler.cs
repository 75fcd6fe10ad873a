using System.Text;
using Frugal.Engine;
using Frugal.Engine.Policies;
using Frugal.Hosting;
using Frugal.Hosting.Training;
using Frugal.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>
/// <c>POST /api/training-jobs</c>, shared by the Functions trigger and <c>frugal serve</c>: check the caller's key
/// (<c>X-Frugal-Key</c> against <c>Frugal:Training:ApiKey</c>; 401), bound the body (413 over 64 KiB), read the job
/// (YAML or JSON; 400 with every problem and its line), queue it (409 when the name is taken; 201 when queued).
/// </summary>
public sealed partial class TrainingJobHandler(
    TrainingQueueJob queue,
    IOptions<FrugalHostOptions> host,
    IOptions<TrainingApiOptions> options,
    ILogger<TrainingJobHandler> logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    public const string KeyHeader = "X-Frugal-Key";

    public async Task<WebhookReply> SubmitAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(options.Value.ApiKey))
        {
            return WebhookReply.Error(StatusCodes.Status404NotFound,
                "submitting training jobs over HTTP is not configured (Frugal:Training:ApiKey)");
        }

        if (!SharedSecret.Matches(options.Value.ApiKey, request.Headers[KeyHeader].ToString()))
        {
            LogRefused();
            return WebhookReply.Error(StatusCodes.Status401Unauthorized, $"missing or wrong {KeyHeader}");
        }

        if (await RequestBody.ReadAsync(request, MaxBodyBytes, ct).ConfigureAwait(false) is not { } body)
        {
            return WebhookReply.Error(StatusCodes.Status413PayloadTooLarge, "the body is larger than 64 KiB");
        }

        try
        {
            return await QueueAsync(Encoding.UTF8.GetString(body.Span), ct).ConfigureAwait(false);
        }
        catch (FrugalInputException ex)
        {
            LogCannotQueue(ex);
            return WebhookReply.Error(StatusCodes.Status503ServiceUnavailable,
                "Frugal cannot load its policy or state; nothing was queued (see the log)");
        }
    }

    private async Task<WebhookReply> QueueAsync(string text, CancellationToken ct)
    {
        var request = new TrainingQueueRequest(host.Value.PolicyPath, host.Value.StatePath);
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        var parsed = TrainingJobFile.Parse(text, "body", TrainingQueueJob.Currency(policy));
        if (parsed.Spec is not { } spec)
        {
            return new WebhookReply(StatusCodes.Status400BadRequest,
                new TrainingJobRefusal([.. parsed.Diagnostics.Select(d => d.ToString())]));
        }

        var submission = await queue.SubmitAsync(request, spec, "http", ct).ConfigureAwait(false);
        if (submission.Job is not { } job)
        {
            return new WebhookReply(
                submission.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                new TrainingJobRefusal(submission.Problems));
        }

        LogQueued(job.Id, job.Spec.Priority);
        return new WebhookReply(StatusCodes.Status201Created,
            new TrainingJobQueued(job.Id, job.State.ToString().ToLowerInvariant(), job.Reason));
    }

    [LoggerMessage(EventId = 5060, Level = LogLevel.Warning, Message = "Training job submission refused a caller")]
    private partial void LogRefused();

    [LoggerMessage(EventId = 5061, Level = LogLevel.Information,
        Message = "Training job {Job} queued over HTTP at priority {Priority}")]
    private partial void LogQueued(string job, int priority);

    [LoggerMessage(EventId = 5062, Level = LogLevel.Error, Message = "A training job could not be queued")]
    private partial void LogCannotQueue(Exception exception);
}

/// <summary>Settings of the training job route, from <c>Frugal:Training</c>.</summary>
public sealed class TrainingApiOptions
{
    public const string Section = "Frugal:Training";

    /// <summary>The key callers present in <c>X-Frugal-Key</c>; the route answers 404 while it is empty.</summary>
    public string ApiKey { get; set; } = string.Empty;
}

/// <summary>A job queued: its name, state and what it waits for.</summary>
public sealed record TrainingJobQueued(string Name, string State, string? Reason);

/// <summary>Why a job was not queued, one problem per item.</summary>
public sealed record TrainingJobRefusal(IReadOnlyList<string> Problems);
