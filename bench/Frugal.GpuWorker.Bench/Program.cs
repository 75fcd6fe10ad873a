using Frugal.GpuWorker.Bench;

return await BenchCommand.RunAsync(args);
