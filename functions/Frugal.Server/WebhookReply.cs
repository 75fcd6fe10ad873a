using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Frugal.Server;

/// <summary>
/// A webhook's answer: a status and a small JSON body. It writes itself, both as a minimal API result
/// (<c>frugal serve</c>) and as an action result (the Functions app), so one handler serves both hosts.
/// </summary>
public sealed record WebhookReply(int Status, object Body) : IResult, IActionResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebhookReply Error(int status, string error) => new(status, new WebhookError(error));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = Status;
        return httpContext.Response.WriteAsJsonAsync(Body, Body.GetType(), Json, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }
}

/// <summary>Why a webhook call was refused.</summary>
public sealed record WebhookError(string Error);

/// <summary>What became of an alert that was read: accepted, repeat or unmatched, and the budgets concerned.</summary>
public sealed record WebhookOutcome(string Outcome, IReadOnlyList<string> Budgets, string Detail);
