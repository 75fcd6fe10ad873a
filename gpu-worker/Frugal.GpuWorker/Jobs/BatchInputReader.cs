using System.Globalization;
using System.Text;
using System.Text.Json;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Jobs;

/// <summary>
/// Reads batch-job rows into one tensor per model input, rows along the first dimension. JSON Lines hold one row per
/// line, as an array (a model with one input) or an object naming each input; CSV holds one row per line for a
/// model with one input (a first line that is not numeric is taken as a header); NPY holds one little-endian,
/// C-ordered array whose first axis is the rows.
/// </summary>
internal static class BatchInputReader
{
    public static NamedTensor[] Read(byte[] content, string location, IReadOnlyList<TensorSpec> inputs)
    {
        var format = BatchFormats.Of(location);
        return format switch
        {
            BatchFormat.JsonLines => FromRows(ReadJsonLines(content, location, inputs), inputs, location),
            BatchFormat.Csv => FromRows(ReadCsv(content, location, inputs), inputs, location),
            _ => [NpyArray.Read(content, location, SingleInput(inputs, location))],
        };
    }

    private static TensorSpec SingleInput(IReadOnlyList<TensorSpec> inputs, string location) => inputs.Count == 1
        ? inputs[0]
        : throw new JobInputException($"{location}: the model has {inputs.Count} inputs; only JSON Lines objects " +
            "can name them");

    private static Dictionary<string, List<double[]>> ReadJsonLines(
        byte[] content, string location, IReadOnlyList<TensorSpec> inputs)
    {
        var rows = inputs.ToDictionary(i => i.Name, _ => new List<double[]>(), StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                AddJsonRow(document.RootElement, rows, inputs, location);
            }
            catch (Exception exception)
                when (exception is JsonException or FormatException or InvalidOperationException)
            {
                throw new JobInputException($"{location} line {lineNumber}: {exception.Message}");
            }
        }

        return rows;
    }

    private static void AddJsonRow(
        JsonElement row, Dictionary<string, List<double[]>> rows, IReadOnlyList<TensorSpec> inputs, string location)
    {
        if (row.ValueKind == JsonValueKind.Array)
        {
            rows[SingleInput(inputs, location).Name].Add(Numbers(row));
            return;
        }

        foreach (var input in inputs)
        {
            if (!row.TryGetProperty(input.Name, out var values))
            {
                throw new FormatException($"input '{input.Name}' is missing");
            }

            rows[input.Name].Add(Numbers(values));
        }
    }

    private static double[] Numbers(JsonElement values)
    {
        var flat = new List<double>();
        Flatten(values, flat);
        return flat.ToArray();
    }

    private static void Flatten(JsonElement element, List<double> into)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, into);
            }

            return;
        }

        into.Add(element.ValueKind switch
        {
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            _ => throw new FormatException($"{element.GetRawText()} is not a number"),
        });
    }

    private static Dictionary<string, List<double[]>> ReadCsv(
        byte[] content, string location, IReadOnlyList<TensorSpec> inputs)
    {
        var input = SingleInput(inputs, location);
        var rows = new List<double[]>();
        var lines = Encoding.UTF8.GetString(content).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split(',');
            var values = new double[cells.Length];
            for (var c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]))
                {
                    if (rows.Count == 0 && i == 0)
                    {
                        values = [];
                        break;
                    }

                    throw new JobInputException(string.Create(CultureInfo.InvariantCulture,
                        $"{location} line {i + 1} column {c + 1}: '{cells[c].Trim()}' is not a number"));
                }
            }

            if (values.Length > 0)
            {
                rows.Add(values);
            }
        }

        return new Dictionary<string, List<double[]>>(StringComparer.Ordinal) { [input.Name] = rows };
    }

    private static NamedTensor[] FromRows(
        Dictionary<string, List<double[]>> rows, IReadOnlyList<TensorSpec> inputs, string location) =>
        inputs.Select(input => Stack(input, rows[input.Name], location)).ToArray();

    private static NamedTensor Stack(TensorSpec input, List<double[]> rows, string location)
    {
        if (rows.Count == 0)
        {
            throw new JobInputException($"{location}: holds no rows");
        }

        var type = input.Datatype ?? throw new JobInputException(
            $"{location}: input '{input.Name}' is of type {input.ElementType}, which batch jobs cannot fill");
        var inner = InnerShape(input, rows[0].Length, location);
        var width = (int)NamedTensor.ElementCountOf(inner);
        var size = type.ElementSize();
        var bytes = new byte[(long)rows.Count * width * size];
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != width)
            {
                throw new JobInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{location}: row {r + 1} has {rows[r].Length} values for input '{input.Name}', not {width}"));
            }

            for (var c = 0; c < width; c++)
            {
                ElementWriter.Write(type, rows[r][c], bytes.AsSpan(((r * width) + c) * size, size));
            }
        }

        return new NamedTensor(input.Name, type, [rows.Count, .. inner], bytes);
    }

    /// <summary>The shape of one row: the model's dimensions after the first, a free one taken from the data.</summary>
    public static long[] InnerShape(TensorSpec input, long rowWidth, string location)
    {
        var inner = input.Dimensions.Skip(1).ToArray();
        if (inner.All(d => d >= 0))
        {
            return inner;
        }

        return inner.Length == 1
            ? [rowWidth]
            : throw new JobInputException(
                $"{location}: input '{input.Name}' has several free dimensions; batch jobs cannot infer its row shape");
    }
}
