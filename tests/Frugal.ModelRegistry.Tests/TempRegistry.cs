using System.Text.Json;

namespace Frugal.ModelRegistry.Tests;

/// <summary>A local registry folder and a state file in a temporary folder, removed afterwards.</summary>
internal sealed class TempRegistry : IDisposable
{
    public TempRegistry()
    {
        Folder = Directory.CreateTempSubdirectory("frugal-registry-").FullName;
        Root = Path.Combine(Folder, "models");
        Directory.CreateDirectory(Root);
    }

    public string Folder { get; }

    public string Root { get; }

    public string StatePath => Path.Combine(Folder, "state.db");

    /// <summary>Writes a version with these objects (name and size), created at <paramref name="created"/>.</summary>
    public void AddVersion(
        string model, string version, DateTimeOffset created, params (string Name, int Size)[] objects)
    {
        var folder = Path.Combine(Root, model, version);
        foreach (var (name, size) in objects)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new byte[size]);
        }

        WriteSidecar(model, version, new { created });
    }

    public void WriteSidecar(string model, string version, object content) =>
        File.WriteAllText(Path.Combine(Root, model, version, "_frugal.json"), JsonSerializer.Serialize(content));

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
