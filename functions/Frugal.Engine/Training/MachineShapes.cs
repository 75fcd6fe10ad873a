using System.Globalization;

namespace Frugal.Engine.Training;

/// <summary>
/// The size of the predefined machine types the catalog prices by parts (<c>n1-standard-8</c>, <c>g2-standard-8</c>)
/// and the catalog's names for GPUs. Types not listed here (custom types, A2/A3) are priced from the policy's rates.
/// </summary>
internal static class MachineShapes
{
    private static readonly Dictionary<string, decimal> MemoryPerCpu = new(StringComparer.Ordinal)
    {
        ["n1-standard"] = 3.75m,
        ["n1-highmem"] = 6.5m,
        ["n1-highcpu"] = 0.9m,
        ["n2-standard"] = 4m,
        ["n2-highmem"] = 8m,
        ["g2-standard"] = 4m,
    };

    private static readonly Dictionary<string, string> GpuModels = new(StringComparer.Ordinal)
    {
        ["nvidia-tesla-t4"] = "Nvidia Tesla T4",
        ["nvidia-tesla-v100"] = "Nvidia Tesla V100",
        ["nvidia-tesla-p100"] = "Nvidia Tesla P100",
        ["nvidia-l4"] = "Nvidia L4",
        ["nvidia-tesla-a100"] = "Nvidia Tesla A100",
    };

    public static Prices.MachineShape? Find(TrainingJobSpec spec)
    {
        var dash = spec.MachineType.LastIndexOf('-');
        if (dash < 0 || !MemoryPerCpu.TryGetValue(spec.MachineType[..dash], out var perCpu)
            || !int.TryParse(spec.MachineType[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture,
                out var cpus))
        {
            return null;
        }

        var family = spec.MachineType[..spec.MachineType.IndexOf('-', StringComparison.Ordinal)]
            .ToUpperInvariant();
        if (spec.Accelerator is not { } gpu)
        {
            return new(family, cpus, cpus * perCpu);
        }

        return GpuModels.TryGetValue(gpu.Type, out var model)
            ? new(family, cpus, cpus * perCpu, model, gpu.Count)
            : null;
    }
}
