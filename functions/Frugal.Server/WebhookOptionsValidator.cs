using Frugal.Webhooks;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>Checks the webhook settings at start-up, naming every key that is wrong at once.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        var gcp = options.Gcp;
        var prefix = $"{WebhookOptions.Section}:Gcp";
        if (gcp.IsConfigured && gcp.Audience.Length == 0)
        {
            errors.Add($"{prefix}:Audience is required with ServiceAccountEmail: the push subscription's audience");
        }

        if (gcp.IsConfigured && gcp.ServiceAccountEmail.Length == 0)
        {
            errors.Add($"{prefix}:ServiceAccountEmail is required with Audience: the account the push signs as");
        }

        if (!gcp.KeysUri.IsAbsoluteUri || gcp.KeysUri.Scheme is not ("https" or "http"))
        {
            errors.Add($"{prefix}:KeysUri must be an absolute http(s) URL");
        }

        if (gcp.ClockSkew < TimeSpan.Zero || gcp.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{prefix}:ClockSkew must be between 00:00:00 and 00:05:00");
        }

        var azure = options.Azure;
        if (azure.IsConfigured && azure.Secret.Length < 16)
        {
            errors.Add($"{WebhookOptions.Section}:Azure:Secret must be at least 16 characters");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
