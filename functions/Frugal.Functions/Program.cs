using Frugal.Hosting;
using Frugal.Server;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFrugalHost(builder.Configuration);
builder.Services.AddFrugalWebhooks(builder.Configuration);
builder.Build().Run();
