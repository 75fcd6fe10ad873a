using System.Text.Json.Nodes;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>
/// The Compute v1 discovery subset from shared/testdata with the two things Frugal uses that it lacks. Each is
/// declared here from Google's public REST reference, not invented, and everything else is the file as stored.
/// </summary>
internal static class ComputeDiscovery
{
    public static DiscoveryDocument Load() =>
        DiscoveryDocument.Load(TestData.Path("gcp-discovery", "compute.v1.subset.json"), Amend);

    private static void Amend(JsonObject root)
    {
        AddSetMetadata(root);
        AddMaxRunDuration(root["schemas"]!.AsObject());
    }

    // instances.setMetadata was left out when the subset was cut (it kept the launch and read methods); Frugal
    // uses it to ask a running VM to checkpoint. The reference gives POST .../instances/{instance}/setMetadata with
    // an optional requestId and a Metadata body, so the body is checked against the subset's own Metadata schema.
    private static void AddSetMetadata(JsonObject root)
    {
        var methods = root["resources"]!["instances"]!["methods"]!.AsObject();
        var stop = methods["stop"]!.AsObject();
        var parameters = new JsonObject();
        foreach (var name in new[] { "project", "zone", "instance", "requestId" })
        {
            parameters[name] = stop["parameters"]![name]!.DeepClone();
        }

        methods["setMetadata"] = new JsonObject
        {
            ["id"] = "compute.instances.setMetadata",
            ["path"] = "projects/{project}/zones/{zone}/instances/{instance}/setMetadata",
            ["httpMethod"] = "POST",
            ["parameters"] = parameters,
            ["parameterOrder"] = new JsonArray("project", "zone", "instance"),
            ["request"] = new JsonObject { ["$ref"] = "Metadata" },
            ["response"] = new JsonObject { ["$ref"] = "Operation" },
        };
    }

    // Scheduling.maxRunDuration (a protobuf Duration: int64 seconds as text, int32 nanos) reached compute/v1 after
    // the subset's revision (20230620); the current v1 reference has it.
    private static void AddMaxRunDuration(JsonObject schemas)
    {
        schemas["Duration"] = new JsonObject
        {
            ["id"] = "Duration",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["seconds"] = new JsonObject { ["type"] = "string", ["format"] = "int64" },
                ["nanos"] = new JsonObject { ["type"] = "integer", ["format"] = "int32" },
            },
        };
        schemas["Scheduling"]!["properties"]!["maxRunDuration"] = new JsonObject { ["$ref"] = "Duration" };
    }
}
