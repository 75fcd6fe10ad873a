using System.Text.Json.Nodes;

namespace Frugal.Infra.Tests.Azure;

/// <summary>Compiles <c>infra/azure/main.bicep</c> once for the tests that read the result.</summary>
public sealed class BicepBuild : IAsyncLifetime
{
    internal ToolResult Result { get; private set; } = new(-1, string.Empty, string.Empty);

    internal ArmTemplate Template { get; private set; } = new([]);

    public async ValueTask InitializeAsync()
    {
        Result = await Compile(RepositoryPaths.Path("infra", "azure", "main.bicep"));
        if (Result.ExitCode == 0)
        {
            Template = new ArmTemplate((JsonObject)JsonNode.Parse(Result.Output)!);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static Task<ToolResult> Compile(string file) =>
        ToolRun.RunAsync(RepositoryPaths.Bicep, ["build", file, "--stdout"]);
}
