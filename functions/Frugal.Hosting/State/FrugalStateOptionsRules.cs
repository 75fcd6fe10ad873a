using Frugal.Engine.State;

namespace Frugal.Hosting.State;

/// <summary>The checks on <c>Frugal:State:*</c>, each naming the key at fault.</summary>
internal static class FrugalStateOptionsRules
{
    private const string Key = $"{FrugalHostOptions.Section}:State";

    public static IEnumerable<string> Check(FrugalStateOptions state, IEnumerable<IStateSource> available)
    {
        var providers = available.Select(s => s.Provider).ToList();
        if (!providers.Contains(state.Provider, StringComparer.Ordinal))
        {
            yield return $"{Key}:Provider: '{state.Provider}' is not a state store this host has " +
                $"(it has: {string.Join(", ", providers)})";
            yield break;
        }

        if (state.Provider != FrugalStateOptions.AzureTables)
        {
            yield break;
        }

        var hasConnection = !string.IsNullOrWhiteSpace(state.TableConnectionString);
        if (hasConnection == (state.TableServiceUri is not null))
        {
            yield return $"{Key}: azureTables needs exactly one of {Key}:TableConnectionString and " +
                $"{Key}:TableServiceUri (the table endpoint, reached with the app's managed identity)";
        }

        if (state.TableServiceUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme is not ("https" or "http")))
        {
            yield return $"{Key}:TableServiceUri: '{uri}' is not an http(s) address such as " +
                "https://ACCOUNT.table.core.windows.net";
        }

        var prefix = state.TablePrefix ?? string.Empty;
        if (prefix.Length is 0 or > 50 || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            yield return $"{Key}:TablePrefix: '{prefix}' must be 1 to 50 letters and digits, starting with a letter " +
                "(Table Storage's rule for table names)";
        }
    }
}
