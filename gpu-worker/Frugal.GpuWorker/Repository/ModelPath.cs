using System.Globalization;

namespace Frugal.GpuWorker.Repository;

/// <summary>The naming rules that keep repository paths safe and versions ordered.</summary>
internal static class ModelPath
{
    public const string ModelFileName = "model.onnx";

    /// <summary>A model name: letters, digits, '_', '-' and '.', not starting with '.', up to 128 long.</summary>
    public static bool IsValidModelName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>A version: a whole number written without a sign or leading zeros.</summary>
    public static bool IsValidVersion(string? version) =>
        !string.IsNullOrEmpty(version) && version.Length <= 18 && version.All(char.IsAsciiDigit)
        && (version == "0" || version[0] != '0');

    public static IReadOnlyList<string> SortVersions(IEnumerable<string> versions) =>
        versions.Where(IsValidVersion)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(v => long.Parse(v, CultureInfo.InvariantCulture))
            .ToArray();

    public static string Next(IReadOnlyList<string> sortedVersions) => sortedVersions.Count == 0
        ? "1"
        : (long.Parse(sortedVersions[^1], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
}
