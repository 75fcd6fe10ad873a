using Frugal.GpuWorker;

var app = WorkerApplication.Build(args);
await app.RunAsync();
