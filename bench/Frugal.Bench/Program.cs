using Frugal.Bench;

return await BenchCommand.RunAsync(args);
