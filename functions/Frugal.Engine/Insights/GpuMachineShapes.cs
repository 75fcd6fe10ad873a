using System.Globalization;
using Frugal.Engine.Prices;

namespace Frugal.Engine.Insights;

/// <summary>
/// The shapes of Google Cloud's GPU machine types, by the name a billed SKU carries (<c>a2-highgpu-8g</c>), so the
/// price catalog can price them on demand and Spot. Types not listed here (N1 with attached GPUs, Azure sizes) are
/// not known and fall back to the documented discount.
/// </summary>
internal static class GpuMachineShapes
{
    private static readonly Dictionary<string, MachineShape> Known = Build();

    public static bool TryFind(string sku, out MachineShape shape) => Known.TryGetValue(sku, out shape!);

    private static Dictionary<string, MachineShape> Build()
    {
        var shapes = new Dictionary<string, MachineShape>(StringComparer.OrdinalIgnoreCase);
        foreach (var gpus in new[] { 1, 2, 4, 8 })
        {
            var name = gpus.ToString(CultureInfo.InvariantCulture);
            shapes[$"a2-highgpu-{name}g"] = new("A2", 12 * gpus, 85m * gpus, "Nvidia Tesla A100", gpus);
            shapes[$"a2-ultragpu-{name}g"] = new("A2", 12 * gpus, 170m * gpus, "Nvidia A100 80GB", gpus);
        }

        shapes["a3-highgpu-8g"] = new("A3", 208, 1872m, "Nvidia H100 80GB", 8);
        foreach (var (cpus, gpus) in new[] { (4, 1), (8, 1), (12, 1), (16, 1), (24, 2), (32, 1), (48, 4), (96, 8) })
        {
            shapes[$"g2-standard-{cpus.ToString(CultureInfo.InvariantCulture)}"] =
                new("G2", cpus, 4m * cpus, "Nvidia L4", gpus);
        }

        return shapes;
    }
}
