using System.Globalization;
using Azure.Data.Tables;

namespace Frugal.State.AzureTables;

/// <summary>
/// Long text (JSON payloads) spread over several string properties: one property holds at most 64 KiB (32,768
/// UTF-16 characters) and an entity at most 1 MiB, so text is cut into pieces of 30,000 characters and anything
/// beyond 15 pieces is refused with the row it was meant for.
/// </summary>
internal static class ChunkedText
{
    private const int PieceLength = 30_000;
    private const int MaxPieces = 15;

    public static void Write(TableEntity entity, string name, string text)
    {
        var pieces = (text.Length + PieceLength - 1) / PieceLength;
        if (pieces > MaxPieces)
        {
            throw new StatePayloadTooLargeException(
                $"{entity.RowKey}: {name} is {text.Length} characters, more than a Table Storage entity holds " +
                $"({MaxPieces * PieceLength}); the state is left unchanged");
        }

        entity[name + "Pieces"] = pieces;
        for (var i = 0; i < pieces; i++)
        {
            var start = i * PieceLength;
            entity[Piece(name, i)] = text.Substring(start, Math.Min(PieceLength, text.Length - start));
        }
    }

    public static string Read(TableEntity entity, string name)
    {
        var pieces = entity.GetInt32(name + "Pieces")
            ?? throw new InvalidDataException($"{entity.RowKey} holds no {name}");
        return string.Concat(Enumerable.Range(0, pieces).Select(i => entity.GetString(Piece(name, i))));
    }

    private static string Piece(string name, int index) => name + index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A payload too large for one Table Storage entity; nothing was written.</summary>
public sealed class StatePayloadTooLargeException(string message) : InvalidOperationException(message);
