using Frugal.Cli;

return await FrugalCommandLine.InvokeAsync(args, Console.Out, Console.Error);
