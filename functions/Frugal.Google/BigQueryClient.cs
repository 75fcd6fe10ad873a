using System.Globalization;
using System.Text.Json;

namespace Frugal.Google;

/// <summary>
/// BigQuery's synchronous query API over REST: <c>jobs.query</c> starts a query and may return its first page,
/// <c>jobs.getQueryResults</c> waits for it and pages through the rest. A query carries a requestId, so BigQuery
/// runs it once however often the POST is retried.
/// </summary>
public sealed class BigQueryClient(HttpClient http, IGoogleAccessTokenSource tokens)
    : GoogleRestClient(http, tokens, "BigQuery")
{
    public Task<QueryPage> QueryAsync(string projectId, BigQueryRequest request, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        return SendAsync<QueryPage>(
            HttpMethod.Post, $"projects/{Escape(projectId)}/queries", request, ct, safeToRetry: true);
    }

    public Task<QueryPage> GetQueryResultsAsync(
        JobReference job, string? pageToken, int maxResults, TimeSpan wait, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var query = new List<string>
        {
            $"maxResults={maxResults.ToString(CultureInfo.InvariantCulture)}",
            $"timeoutMs={((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}",
        };
        if (job.Location is { } location)
        {
            query.Add($"location={Escape(location)}");
        }

        if (pageToken is not null)
        {
            query.Add($"pageToken={Escape(pageToken)}");
        }

        return SendAsync<QueryPage>(HttpMethod.Get,
            $"projects/{Escape(job.ProjectId)}/queries/{Escape(job.JobId)}?{string.Join('&', query)}", null, ct);
    }
}

/// <summary>The body of <c>jobs.query</c>, with the fields Frugal sets.</summary>
public sealed record BigQueryRequest
{
    public required string Query { get; init; }

    public bool UseLegacySql { get; init; }

    public string ParameterMode { get; init; } = "NAMED";

    public IReadOnlyList<QueryParameter> QueryParameters { get; init; } = [];

    public string? Location { get; init; }

    /// <summary>An int64 as text, as BigQuery's JSON wants it.</summary>
    public string? MaximumBytesBilled { get; init; }

    public string? JobTimeoutMs { get; init; }

    public long? TimeoutMs { get; init; }

    public long? MaxResults { get; init; }

    public required string RequestId { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

public sealed record QueryParameter(string Name, QueryParameterType ParameterType, QueryParameterValue ParameterValue)
{
    public static QueryParameter Of(string name, string type, string value) =>
        new(name, new QueryParameterType(type), new QueryParameterValue(value));
}

public sealed record QueryParameterType(string Type);

public sealed record QueryParameterValue(string Value);

public sealed record JobReference(string ProjectId, string JobId, string? Location);

/// <summary>A page of query results: rows of cells whose values BigQuery writes as text (or null).</summary>
public sealed record QueryPage
{
    public JobReference? JobReference { get; init; }

    public bool JobComplete { get; init; }

    public string? PageToken { get; init; }

    public string? TotalBytesProcessed { get; init; }

    public IReadOnlyList<QueryRow>? Rows { get; init; }

    public IReadOnlyList<QueryError>? Errors { get; init; }
}

public sealed record QueryRow(IReadOnlyList<QueryCell> F);

public sealed record QueryCell(JsonElement V)
{
    public string? Text => V.ValueKind == JsonValueKind.String ? V.GetString() : null;
}

public sealed record QueryError(string? Reason, string? Message);
