using Frugal.Engine.State;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.State;

/// <summary>
/// The state source configuration chose (<c>Frugal:State:Provider</c>) among those registered: composition registers
/// SQLite; hosts register others (Table Storage) so that composition stays free of their SDKs.
/// </summary>
public sealed class StateChoice(IEnumerable<IStateSource> sources, IOptions<FrugalHostOptions> options)
{
    private readonly IReadOnlyList<IStateSource> _sources = [.. sources];

    /// <summary>The source in use; SQLite where nothing was configured (the command line).</summary>
    public IStateSource Source
    {
        get
        {
            var provider = options.Value.State.Provider;
            return _sources.LastOrDefault(s => s.Provider == provider)
                ?? throw new InvalidOperationException(
                    $"{FrugalHostOptions.Section}:State:Provider: no state store '{provider}' in this host");
        }
    }

    public StateStores Open(string localPath) => Source.Open(localPath);

    public StateStores? OpenReadOnly(string localPath) => Source.OpenReadOnly(localPath);
}
