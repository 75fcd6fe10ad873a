using Frugal.Engine.Training;
using Microsoft.Extensions.Logging;

namespace Frugal.Google.Compute;

internal sealed partial class ComputeEngineClient
{
    [LoggerMessage(EventId = 520, Level = LogLevel.Information,
        Message = "Launching {Instance} in {Zone} ({ProvisioningModel}, {MachineType})")]
    private static partial void LogInserting(
        ILogger logger, string instance, string zone, ProvisioningModel provisioningModel, string machineType);

    [LoggerMessage(EventId = 521, Level = LogLevel.Warning,
        Message = "Compute refused {Instance} in {Zone}: {Code}")]
    private static partial void LogRefused(ILogger logger, string instance, string zone, string code);

    [LoggerMessage(EventId = 522, Level = LogLevel.Information, Message = "Stopping {Instance} in {Zone}")]
    private static partial void LogStopping(ILogger logger, string instance, string zone);

    [LoggerMessage(EventId = 523, Level = LogLevel.Information, Message = "Starting {Instance} in {Zone}")]
    private static partial void LogStarting(ILogger logger, string instance, string zone);

    [LoggerMessage(EventId = 524, Level = LogLevel.Information, Message = "Deleting {Instance} in {Zone}")]
    private static partial void LogDeleting(ILogger logger, string instance, string zone);

    [LoggerMessage(EventId = 525, Level = LogLevel.Information,
        Message = "Setting metadata {Keys} on {Instance} in {Zone}")]
    private static partial void LogSettingMetadata(ILogger logger, string instance, string zone, string keys);

    [LoggerMessage(EventId = 526, Level = LogLevel.Debug,
        Message = "{Count} preemptions in {Zone} since {Since:o}")]
    private static partial void LogPreemptions(ILogger logger, int count, string zone, DateTimeOffset since);
}
