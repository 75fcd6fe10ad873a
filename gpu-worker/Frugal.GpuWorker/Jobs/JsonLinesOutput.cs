using System.Text.Json;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Jobs;

/// <summary>Writes batch outputs as JSON Lines, <c>{"row": n, "output name": [values], ...}</c> per row.</summary>
internal static class JsonLinesOutput
{
    public static void Append(Stream buffer, Utf8JsonWriter writer, NamedTensor[] outputs, long firstRow, long rows)
    {
        for (var r = 0; r < rows; r++)
        {
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WriteNumber("row", firstRow + r);
            foreach (var output in outputs)
            {
                var rowBytes = output.Bytes.Length / (int)rows;
                writer.WritePropertyName(output.Name);
                TensorJson.WriteData(writer, output.Datatype, output.Bytes.AsSpan(r * rowBytes, rowBytes));
            }

            writer.WriteEndObject();
            writer.Flush();
            buffer.WriteByte((byte)'\n');
        }
    }
}
