using Frugal.Engine.Notifications;
using Microsoft.Extensions.Configuration;

namespace Frugal.Hosting;

/// <summary>
/// Resolves <c>env:NAME</c> references from the host's configuration: app settings in Azure (which reach the
/// worker as environment variables too), or any other configuration source the host adds.
/// </summary>
internal sealed class ConfigurationSecretResolver(IConfiguration configuration) : ISecretResolver
{
    public string? Lookup(string name) => configuration[name];
}
