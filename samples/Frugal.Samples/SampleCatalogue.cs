namespace Frugal.Samples;

/// <summary>
/// The spend of a mid-sized ML team: GPU training on Google Cloud, inference on GKE and Azure ML, storage,
/// egress and BigQuery, plus a small European Azure account billed in EUR. Prices are list-price ballparks.
/// </summary>
internal static class SampleCatalogue
{
    private static readonly SampleAccount Training = new(
        "Google Cloud", "01A2B3-C4D5E6-F7A8B9", "Acme ML", "USD", "ml-training-prod", "ML Training (prod)");

    private static readonly SampleAccount Research = new(
        "Google Cloud", "01A2B3-C4D5E6-F7A8B9", "Acme ML", "USD", "ml-research-dev", "ML Research (dev)");

    private static readonly SampleAccount Serving = new(
        "Google Cloud", "01A2B3-C4D5E6-F7A8B9", "Acme ML", "USD", "ml-serving-prod", "ML Serving (prod)");

    private static readonly SampleAccount AzureUs = new(
        "Microsoft Azure", "84211573", "Acme Corp EA", "USD",
        "5a7e0c1d-2b3f-4c8e-9d10-6f2a4b8c1e37", "ml-inference-us");

    private static readonly SampleAccount AzureEu = new(
        "Microsoft Azure", "84211590", "Acme Europe GmbH", "EUR",
        "c3d9e2f1-7a4b-4e6c-8b21-0d5f9a7c3e18", "ml-inference-eu");

    public static IReadOnlyList<SampleMeter> Meters { get; } =
    [
        Gpu(Training, "a2-highgpu-8g", "A2 instance with 8 NVIDIA A100 40GB, running in Americas", "Standard",
            29.3893m, 6, 14, "a100-train", Tags("training", "prod", "llama-ft-70b", "CC-4100")),
        Gpu(Training, "a3-highgpu-8g", "A3 instance with 8 NVIDIA H100 80GB, running in Americas", "Standard",
            88.2522m, 4, 10, "h100-train", Tags("training", "prod", "llama-ft-70b", "CC-4100")),
        Gpu(Training, "a2-highgpu-1g-spot", "Spot A2 instance with 1 NVIDIA A100 40GB, running in Americas",
            "Dynamic", 1.2841m, 24, 16, "a100-spot", Tags("training", "prod", "whisper-ft", "CC-4100")),
        Gpu(Research, "a3-highgpu-8g-spot", "Spot A3 instance with 8 NVIDIA H100 80GB, running in Americas",
            "Dynamic", 29.8471m, 3, 6, "h100-spot", Tags("research", "dev", "diffusion-xl", "CC-4200")),
        new(Serving, "Kubernetes Engine", "Compute", "us-central1", "g2-standard-8",
            "G2 node with 1 NVIDIA L4 for GKE inference, running in Americas", "Standard", "Hours", 0.8536m, 1m,
            SpendPattern.Serving, 16, 14, "//container.googleapis.com/projects/ml-serving-prod/nodes/gke-serve-l4-",
            Tags("serving", "prod", "ranker-v3", "CC-4300", "\"k8s.io/cluster-name\":\"serve-1\"")),
        new(Serving, "Kubernetes Engine", "Compute", "us-central1", "gke-cluster-fee",
            "Zonal Kubernetes cluster management fee", "Standard", "Hours", 0.1000m, 1m,
            SpendPattern.Storage, 2, 2, "//container.googleapis.com/projects/ml-serving-prod/clusters/serve-",
            Tags("serving", "prod", "ranker-v3", "CC-4300")),
        new(Training, "Cloud Storage", "Storage", "us-central1", "standard-storage-us-central1",
            "Standard Storage US Central 1 (datasets)", "Standard", "GibibyteMonths", 6.8493m, 342.47m,
            SpendPattern.Storage, 3, 6, "//storage.googleapis.com/projects/_/buckets/acme-datasets-",
            Tags("training", "prod", "shared", "CC-4100", "\"data.classification\":\"internal\"")),
        new(Training, "Cloud Storage", "Storage", "us-central1", "nearline-storage-us-central1",
            "Nearline Storage US Central 1 (checkpoints)", "Standard", "GibibyteMonths", 5.4794m, 547.94m,
            SpendPattern.Storage, 2, 4, "//storage.googleapis.com/projects/_/buckets/acme-checkpoints-",
            Tags("training", "prod", "llama-ft-70b", "CC-4100")),
        new(Serving, "Networking", "Networking", "us-central1", "internet-egress-americas",
            "Network Internet Egress from Americas to Americas", "Standard", "Gibibytes", 3.6000m, 30m,
            SpendPattern.Serving, 2, 5, "//compute.googleapis.com/projects/ml-serving-prod/global/networks/serve-",
            Tags("serving", "prod", "ranker-v3", "CC-4300")),
        new(Research, "BigQuery", "Analytics", "US", "bigquery-analysis-us",
            "Analysis (on-demand), US multi-region", "Standard", "Tebibytes", 9.3750m, 1.5m,
            SpendPattern.Analytics, 3, 4, "//bigquery.googleapis.com/projects/ml-research-dev/jobs/job_",
            Tags("research", "dev", "eval-dashboards", "CC-4200")),
        new(AzureUs, "Azure Machine Learning", "AI and Machine Learning", "eastus", "Standard_NC24ads_A100_v4",
            "Managed online endpoint, NC24ads A100 v4, East US", "Standard", "1 Hour", 3.6730m, 1m,
            SpendPattern.Serving, 8, 10, AzureUs.SubAccountId + "/onlineEndpoints/summarizer-",
            Tags("serving", "prod", "gpt-summarizer", "CC-4300", "\"owner\":\"renée.dubois\"")),
        new(AzureUs, "Virtual Machines", "Compute", "eastus2", "Standard_NC40ads_H100_v5",
            "NC40ads H100 v5, East US 2", "Standard", "1 Hour", 6.9800m, 1m,
            SpendPattern.Training, 4, 6, AzureUs.SubAccountId + "/virtualMachines/h100-ft-",
            Tags("training", "prod", "gpt-summarizer", "CC-4100")),
        new(AzureUs, "Storage", "Storage", "eastus", "Hot LRS Data Stored",
            "Blob storage, Hot LRS, data stored", "Standard", "1 GB/Month", 1.2400m, 68.5m,
            SpendPattern.Storage, 2, 3, AzureUs.SubAccountId + "/storageAccounts/acmemlmodels",
            Tags("serving", "prod", "gpt-summarizer", "CC-4300")),
        new(AzureUs, "Bandwidth", "Networking", "eastus", "Data Transfer Out",
            "Data transfer out from East US, zone 1", "Standard", "1 GB", 0.8700m, 10m,
            SpendPattern.Serving, 1, 2, AzureUs.SubAccountId + "/virtualNetworks/vnet-serve-",
            Tags("serving", "prod", "gpt-summarizer", "CC-4300")),
        new(AzureEu, "Azure Machine Learning", "AI and Machine Learning", "westeurope", "Standard_NC4as_T4_v3",
            "Managed online endpoint, NC4as T4 v3, West Europe", "Standard", "1 Hour", 0.5070m, 1m,
            SpendPattern.Serving, 3, 3, AzureEu.SubAccountId + "/onlineEndpoints/translate-",
            Tags("serving", "prod", "translate-de", "CC-5100")),
        new(AzureEu, "Storage", "Storage", "westeurope", "Hot LRS Data Stored",
            "Blob storage, Hot LRS, data stored", "Standard", "1 GB/Month", 0.2100m, 11.6m,
            SpendPattern.Storage, 1, 1, AzureEu.SubAccountId + "/storageAccounts/acmemleu",
            Tags("serving", "prod", "translate-de", "CC-5100")),
    ];

    /// <summary>Credits and refunds: rare rows with a negative cost, up to the amount given.</summary>
    public static IReadOnlyList<SampleCredit> Credits { get; } =
    [
        new(Training, "Compute Engine", "Compute", "Promotional credit, A2 and A3 GPU usage", 600m),
        new(Serving, "Kubernetes Engine", "Compute", "Free tier credit, GKE cluster management", 2.40m),
        new(AzureUs, "Azure Machine Learning", "AI and Machine Learning",
            "Refund: SLA credit for endpoint downtime", 150m),
    ];

    private static SampleMeter Gpu(
        SampleAccount account, string sku, string description, string pricing, decimal hourly, int instances,
        int weight, string prefix, string tags) =>
        new(account, "Compute Engine", "Compute", "us-central1", sku, description, pricing, "Hours", hourly, 1m,
            SpendPattern.Training, instances, weight,
            $"//compute.googleapis.com/projects/{account.SubAccountId}/zones/us-central1-a/instances/{prefix}-",
            tags);

    private static string Tags(string team, string env, string model, string costCenter, string? extra = null) =>
        $"{{\"team\":\"{team}\",\"env\":\"{env}\",\"model\":\"{model}\",\"cost-center\":\"{costCenter}\"" +
        (extra is null ? "}" : $",{extra}}}");
}
