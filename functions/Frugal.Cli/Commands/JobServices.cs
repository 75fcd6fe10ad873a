using Frugal.Cli.Output;
using Frugal.Hosting;
using Frugal.Hosting.Billing;
using Frugal.ModelRegistry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frugal.Cli.Commands;

/// <summary>The engine's services for one command invocation: its clock, and logs on the command's stderr.</summary>
internal static class JobServices
{
    public static ServiceProvider Build(
        TimeProvider clock, TextWriter stderr, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new TextWriterLoggerProvider(stderr));
            logging.SetMinimumLevel(LogLevel.Information);
        });
        services.AddFrugalEngine();
        services.AddFrugalModelRegistries();
        // Google cost sources only: the kill switch acts from the hosts and from 'frugal billing'. Under
        // 'frugal run' a DetachBilling action is recorded, not carried out, since the handler's state file is
        // chosen per command; registering it per invocation would fix that.
        services.AddFrugalGoogleCostSources(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
