namespace Frugal.Infra.Tests.Azure;

/// <summary>Shows the offline compile really type-checks, so a clean build of main.bicep means something.</summary>
public sealed class BicepCompilerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("frugal-bicep-").FullName;

    [Fact]
    public async Task Build_PropertyUnknownToTheResourceType_IsReported()
    {
        var file = Path.Combine(folder, "typo.bicep");
        await File.WriteAllTextAsync(file, """
            resource site 'Microsoft.Web/sites@2024-04-01' = {
              name: 'frugal-typo'
              location: resourceGroup().location
              properties: {
                functionAppConfg: {}
              }
            }
            """, TestContext.Current.CancellationToken);

        var result = await BicepBuild.Compile(file);

        Assert.Contains("\"functionAppConfg\" is not allowed", result.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
