using System.Buffers.Binary;
using System.Text;
using Opto.LLamaSharp.Tests.Gguf;

namespace Opto.LLamaSharp.Tests;

public class GgufWriterTests
{
    [Fact]
    public void The_header_counts_tensors_and_metadata_and_tensor_data_is_aligned()
    {
        using var stream = new MemoryStream();
        new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("some.count", 7u)
            .AddTensor("a", [3], [1f, 2f, 3f])
            .AddTensor("b", [2, 2], [4f, 5f, 6f, 7f])
            .Write(stream);
        var bytes = stream.ToArray();

        Assert.Equal("GGUF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(2ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(2ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)));

        // Tensor a (12 bytes) is padded to 32, so b starts 32 bytes after a; the file ends after b's padded data.
        var dataStart = bytes.Length - 64;
        Assert.Equal(0, dataStart % 32);
        Assert.Equal(1f, BitConverter.ToSingle(bytes, dataStart));
        Assert.Equal(4f, BitConverter.ToSingle(bytes, dataStart + 32));
    }

    [Fact]
    public void A_tensor_whose_data_does_not_match_its_shape_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", [2, 3], new float[5]));
    }
}
