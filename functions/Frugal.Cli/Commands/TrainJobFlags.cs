using System.CommandLine;
using System.Text;
using System.Text.Json;
using Frugal.Engine;

namespace Frugal.Cli.Commands;

/// <summary>
/// How <c>frugal train submit</c> is told the job: a file, or flags that become the same JSON a file would hold,
/// so both are checked by the one job reader.
/// </summary>
internal sealed class TrainJobFlags
{
    private readonly Option<string?> _file = new("--file") { Description = "A job file (YAML or JSON)." };
    private readonly Option<string?> _name = new("--name") { Description = "The job's name." };
    private readonly Option<string?> _image = new("--image") { Description = "The container image." };
    private readonly Option<string[]> _args = new("--arg") { Description = "A container argument (repeatable)." };
    private readonly Option<string?> _script = new("--startup-script") { Description = "A startup script." };
    private readonly Option<string?> _machine = new("--machine-type") { Description = "e.g. g2-standard-8." };
    private readonly Option<string?> _gpu = new("--accelerator") { Description = "TYPE:COUNT, e.g. nvidia-l4:1." };
    private readonly Option<string[]> _zones = new("--zone") { Description = "A zone, in preference order." };
    private readonly Option<string?> _checkpoint = new("--checkpoint-uri") { Description = "gs:// or file://." };
    private readonly Option<string?> _maxRun = new("--max-run-time") { Description = "e.g. 6h." };
    private readonly Option<string?> _deadline = new("--deadline") { Description = "Start by (ISO 8601)." };
    private readonly Option<string?> _budget = new("--budget") { Description = "The budget it is charged to." };
    private readonly Option<int?> _priority = new("--priority") { Description = "Higher runs first." };
    private readonly Option<bool> _onDemand = new("--on-demand-fallback") { Description = "May run on demand." };
    private readonly Option<bool> _pinned = new("--not-interruptible")
    {
        Description = "Keep running past window end.",
    };

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            _file, _name, _image, _args, _script, _machine, _gpu, _zones, _checkpoint, _maxRun, _deadline, _budget,
            _priority, _onDemand, _pinned,
        })
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>The job's text and the name to report problems under.</summary>
    public (string Text, string File) Text(ParseResult parse)
    {
        if (parse.GetValue(_file) is { } file)
        {
            return File.Exists(file)
                ? (File.ReadAllText(file), file)
                : throw new FrugalInputException($"--file: '{file}' does not exist");
        }

        return (FlagsAsJson(parse), "command line");
    }

    private string FlagsAsJson(ParseResult parse)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Write(json, "name", parse.GetValue(_name));
            Write(json, "image", parse.GetValue(_image));
            Write(json, "startupScript", parse.GetValue(_script));
            Write(json, "machineType", parse.GetValue(_machine));
            Write(json, "checkpointUri", parse.GetValue(_checkpoint));
            Write(json, "maxRunTime", parse.GetValue(_maxRun));
            Write(json, "deadline", parse.GetValue(_deadline));
            Write(json, "budget", parse.GetValue(_budget));
            WriteList(json, "args", parse.GetValue(_args));
            WriteList(json, "zones", parse.GetValue(_zones));
            WriteAccelerator(json, parse.GetValue(_gpu));
            if (parse.GetValue(_priority) is { } priority)
            {
                json.WriteNumber("priority", priority);
            }

            json.WriteBoolean("onDemandFallback", parse.GetValue(_onDemand));
            json.WriteBoolean("interruptible", !parse.GetValue(_pinned));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, string key, string? value)
    {
        if (value is not null)
        {
            json.WriteString(key, value);
        }
    }

    private static void WriteList(Utf8JsonWriter json, string key, string[]? values)
    {
        if (values is { Length: > 0 })
        {
            json.WriteStartArray(key);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }
    }

    private static void WriteAccelerator(Utf8JsonWriter json, string? text)
    {
        if (text is null)
        {
            return;
        }

        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            throw new FrugalInputException($"--accelerator: '{text}' is not TYPE:COUNT, as in nvidia-l4:1");
        }

        json.WriteStartObject("accelerator");
        json.WriteString("type", parts[0]);
        json.WriteNumber("count", n);
        json.WriteEndObject();
    }
}
