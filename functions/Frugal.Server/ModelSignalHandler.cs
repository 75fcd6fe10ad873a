using Frugal.Engine;
using Frugal.Engine.Retraining;
using Frugal.Hosting;
using Frugal.Hosting.Retraining;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>
/// <c>POST /api/models/{model}/signals</c>, shared by the Functions HTTP trigger and <c>frugal serve</c>: bound the
/// body (413), read one signal or a batch (400 naming the field), record them and evaluate the model at once (202
/// with the decisions). Under Functions the trigger needs a function key; <c>frugal serve</c> listens on
/// 127.0.0.1 unless told otherwise and checks no key of its own.
/// </summary>
public sealed partial class ModelSignalHandler(
    RetrainingJob job, IOptions<FrugalHostOptions> options, TimeProvider time, ILogger<ModelSignalHandler> logger)
{
    public const int MaxBodyBytes = 256 * 1024;

    public async Task<WebhookReply> AcceptAsync(string model, HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, ct).ConfigureAwait(false) is not { } body)
        {
            return WebhookReply.Error(StatusCodes.Status413PayloadTooLarge, "the body is larger than 256 KiB");
        }

        IReadOnlyList<ModelSignal> signals;
        try
        {
            signals = ModelSignalReader.Read(body, model, time.GetUtcNow());
        }
        catch (FrugalInputException ex)
        {
            LogRefused(ex.Message);
            return WebhookReply.Error(StatusCodes.Status400BadRequest, ex.Message);
        }

        return await TakeInAsync(signals, ct).ConfigureAwait(false);
    }

    private async Task<WebhookReply> TakeInAsync(IReadOnlyList<ModelSignal> signals, CancellationToken ct)
    {
        var settings = options.Value;
        var request = new RetrainingRequest(
            settings.PolicyPath, settings.StatePath, FocusPaths: [.. settings.FocusPaths]);
        try
        {
            var intake = await job.TakeInAsync(request, signals, ct).ConfigureAwait(false);
            return new WebhookReply(StatusCodes.Status202Accepted, SignalReply.From(intake));
        }
        catch (FrugalInputException ex)
        {
            // The signal is fine but Frugal's own configuration is not: a 5xx tells the sender to try again.
            LogCannotTakeIn(ex);
            return WebhookReply.Error(StatusCodes.Status503ServiceUnavailable,
                "Frugal cannot load its policy or state; the signals were not taken in (see the log)");
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Model signals refused: {Problem}")]
    private partial void LogRefused(string problem);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Error, Message = "Model signals could not be taken in")]
    private partial void LogCannotTakeIn(Exception exception);
}

/// <summary>The 202 answer: signals new and repeated, each decision made, and a note when none was.</summary>
public sealed record SignalReply(int Recorded, int Repeats, IReadOnlyList<SignalDecision> Decisions, string? Note)
{
    public static SignalReply From(SignalIntakeResult intake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        return new SignalReply(intake.Recorded, intake.Repeats,
            [.. intake.Decisions.Select(d => new SignalDecision(d.Model, d.Outcome, d.Reason, d.Launch?.JobId))],
            intake.Note);
    }
}

/// <summary>One retraining decision as the signal's sender sees it.</summary>
public sealed record SignalDecision(string Model, string Outcome, string Reason, string? JobId);
