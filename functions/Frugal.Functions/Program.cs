using Frugal.Hosting;
using Frugal.ModelRegistry;
using Frugal.Server;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFrugalHost(builder.Configuration);
builder.Services.AddFrugalModelRegistries();
builder.Services.AddFrugalStateStores();
builder.Services.AddFrugalWebhooks(builder.Configuration);
builder.Build().Run();
