namespace Frugal.Infra.Tests.Kubernetes;

/// <summary>Every object in the files <c>infra/k8s/kustomization.yaml</c> lists, i.e. what gets applied.</summary>
internal static class Manifests
{
    private static readonly Lazy<IReadOnlyList<ManifestObject>> Objects = new(Load);

    public static string Folder => RepositoryPaths.Path("infra", "k8s");

    public static IReadOnlyList<ManifestObject> All => Objects.Value;

    public static IReadOnlyList<string> ListedFiles =>
        [.. YamlObjects.ReadAll(Path.Combine(Folder, "kustomization.yaml")).Single()["resources"]!.AsArray()
            .Select(n => n!.GetValue<string>())];

    public static ManifestObject Get(string kind, string name) =>
        All.Single(o => o.Kind == kind && o.Name == name);

    private static List<ManifestObject> Load() =>
        [.. ListedFiles.SelectMany(file => YamlObjects.ReadAll(Path.Combine(Folder, file))
            .Select(body => new ManifestObject(file, body)))];
}
