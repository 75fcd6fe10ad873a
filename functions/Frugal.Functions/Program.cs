using Frugal.Hosting;
using Frugal.ModelRegistry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddFrugalHost(builder.Configuration);
builder.Services.AddFrugalModelRegistries();
builder.Build().Run();
