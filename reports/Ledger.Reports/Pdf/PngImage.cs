using System.Buffers.Binary;

namespace Ledger.Reports.Pdf;

/// <summary>
/// A PNG image to place in a document. Only the header is read here (for its size); the bytes are
/// embedded when the PDF is drawn.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly byte[] bytes;

    private PngImage(byte[] bytes, int width, int height)
    {
        this.bytes = bytes;
        PixelWidth = width;
        PixelHeight = height;
    }

    /// <summary>Width in pixels.</summary>
    public int PixelWidth { get; }

    /// <summary>Height in pixels.</summary>
    public int PixelHeight { get; }

    /// <summary>The encoded PNG.</summary>
    public ReadOnlyMemory<byte> Bytes => bytes;

    /// <summary>Reads a PNG's size from its header; the bytes are copied.</summary>
    /// <param name="png">The encoded PNG file.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">The bytes are not a PNG file.</exception>
    public static PngImage FromBytes(ReadOnlySpan<byte> png)
    {
        // Signature (8), IHDR chunk length (4) and type (4), then width and height, big-endian.
        if (png.Length < 33 || !png[..8].SequenceEqual(Signature) || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new ArgumentException("The image is not a PNG file.", nameof(png));
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(png.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.Slice(20, 4));
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException("The PNG header gives no size.", nameof(png));
        }

        return new PngImage(png.ToArray(), width, height);
    }
}
