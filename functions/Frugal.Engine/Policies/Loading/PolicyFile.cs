using System.Globalization;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads a policy file's bytes, turning each way that can fail into one diagnostic naming the file.</summary>
internal static class PolicyFile
{
    public static byte[]? ReadBytes(string path, PolicyErrors errors)
    {
        try
        {
            if (Directory.Exists(path))
            {
                errors.Add(0, 0, "is a folder; give the policy file itself");
                return null;
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                errors.Add(0, 0, $"policy file not found (looked for {file.FullName})");
                return null;
            }

            if (file.Length > PolicyLoader.MaxFileBytes)
            {
                errors.Add(0, 0, string.Create(CultureInfo.InvariantCulture,
                    $"is {file.Length} bytes; a policy file is YAML of at most {PolicyLoader.MaxFileBytes} bytes"));
                return null;
            }

            return File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add(0, 0, "policy file cannot be read: permission denied");
        }
        catch (IOException ex)
        {
            errors.Add(0, 0, $"policy file cannot be read: {ex.Message}");
        }

        return null;
    }
}
