using System.ComponentModel.DataAnnotations;

namespace Frugal.GpuWorker.Configuration;

/// <summary>The worker's settings, bound from the <c>GpuWorker</c> section and the command line.</summary>
internal sealed class WorkerOptions
{
    public const string Section = "GpuWorker";

    /// <summary>A folder, <c>file://</c>, <c>azblob://container/prefix</c>, a container URL or <c>gs://</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModelRepository { get; set; } = "";

    /// <summary><c>auto</c> tries CUDA and falls back to CPU; <c>cuda</c> requires CUDA; <c>cpu</c> skips it.</summary>
    [RegularExpression("^(auto|cuda|cpu)$")]
    public string ExecutionProvider { get; set; } = "auto";

    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    [Range(1, 65536)]
    public int MaxBatchSize { get; set; } = 64;

    [Range(0, 10_000)]
    public double MaxQueueDelayMilliseconds { get; set; } = 2;

    [Range(0, long.MaxValue)]
    public long ResultCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The typical size of one cached answer. The cache keeps its admission policy on an entry count of
    /// <see cref="ResultCacheBytes"/> divided by this, and trims by bytes as well when answers run larger.
    /// </summary>
    [Range(16, long.MaxValue)]
    public long ResultCacheEntryBytes { get; set; } = 2048;

    [Range(1, long.MaxValue)]
    public long SessionCacheBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How long a model's version list is trusted before the repository is asked again.</summary>
    [Range(0, 86_400)]
    public double VersionRefreshSeconds { get; set; } = 5;

    /// <summary>What the node costs per hour, for the cost-per-prediction figures.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal HourlyPrice { get; set; }

    [RegularExpression("^[A-Za-z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>Connection string for an Azure Blob repository; jobs have theirs in <see cref="JobOptions"/>.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// The Cloud Storage JSON API base (<c>http://host:port/storage/v1/</c>) of an emulator, read without
    /// credentials; unset means Google itself, with application default credentials.
    /// </summary>
    public string? GcsEndpoint { get; set; }

    public JobOptions Jobs { get; set; } = new();
}
