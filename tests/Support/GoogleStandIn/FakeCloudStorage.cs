using System.Globalization;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>
/// Cloud Storage objects in memory for <c>storage.objects.get</c>: metadata as JSON, or the content with
/// <c>alt=media</c>. Each write makes a new generation; asking for a generation that is not the live one is 404.
/// </summary>
internal sealed class FakeCloudStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Bucket, string Name), StoredObject> _objects = [];
    private long _generation = 1_700_000_000_000_000;

    public FakeCloudStorage(GoogleApiStandIn standIn) =>
        standIn.On("storage.objects.get", call =>
        {
            lock (_gate)
            {
                return Get(call);
            }
        });

    public void Put(string bucket, string name, string content, DateTimeOffset updated)
    {
        lock (_gate)
        {
            _objects[(bucket, name)] = new StoredObject(content, ++_generation, updated);
        }
    }

    public void Delete(string bucket, string name)
    {
        lock (_gate)
        {
            _objects.Remove((bucket, name));
        }
    }

    private StandInReply Get(StandInCall call)
    {
        var (bucket, name) = (call.PathParameters["bucket"], call.PathParameters["object"]);
        var wanted = call.Query.GetValueOrDefault("generation");
        if (!_objects.TryGetValue((bucket, name), out var stored) ||
            (wanted is not null && wanted != stored.Generation.ToString(CultureInfo.InvariantCulture)))
        {
            return StandInReply.ComputeError(404, "notFound", $"No such object: {bucket}/{name}");
        }

        var written = stored.Updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return call.Query.GetValueOrDefault("alt") == "media"
            ? StandInReply.Media(stored.Content)
            : StandInReply.Ok(new
            {
                kind = "storage#object",
                id = $"{bucket}/{name}/{stored.Generation}",
                name,
                bucket,
                generation = stored.Generation.ToString(CultureInfo.InvariantCulture),
                metageneration = "1",
                contentType = "text/plain",
                size = System.Text.Encoding.UTF8.GetByteCount(stored.Content).ToString(CultureInfo.InvariantCulture),
                timeCreated = written,
                updated = written,
            });
    }

    private sealed record StoredObject(string Content, long Generation, DateTimeOffset Updated);
}
