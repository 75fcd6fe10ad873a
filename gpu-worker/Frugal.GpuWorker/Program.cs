using Frugal.Engine;
using Frugal.GpuWorker;
using Microsoft.Extensions.Options;

try
{
    var app = WorkerApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is OptionsValidationException or FrugalInputException)
{
    var message = exception is OptionsValidationException invalid
        ? string.Join("; ", invalid.Failures)
        : exception.Message;
    await Console.Error.WriteLineAsync($"frugal-gpu-worker: {message}");
    return 2;
}
