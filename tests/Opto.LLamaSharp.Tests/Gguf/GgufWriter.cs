using System.Text;

namespace Opto.LLamaSharp.Tests.Gguf;

/// <summary>
/// Writes GGUF version 3 files: a header, typed metadata, tensor descriptors, then the tensor data, each tensor
/// starting on an aligned offset. Only what the tests need is supported: scalar and array metadata of a few
/// types, and F32 tensors.
/// </summary>
/// <remarks>
/// Layout (all little-endian): the bytes "GGUF", version (u32), tensor count (u64), metadata count (u64); each
/// metadata entry is a string key, a value type (u32) and the value; each tensor descriptor is a string name,
/// the number of dimensions (u32), the dimensions (u64 each, innermost first), the element type (u32) and the
/// data offset (u64, relative to the start of the data section). Strings are a u64 byte length then UTF-8 bytes.
/// Arrays are the element type (u32), the count (u64) and the elements. The data section starts at the first
/// aligned position after the descriptors.
/// </remarks>
internal sealed class GgufWriter
{
    private const uint Version = 3;
    private const uint TensorTypeF32 = 0;

    private readonly List<(string Key, ValueType Type, Action<BinaryWriter> WriteValue)> _metadata = [];
    private readonly List<(string Name, long[] Shape, float[] Data)> _tensors = [];

    /// <summary>The metadata value types of the format (the numbers are part of the file format).</summary>
    public enum ValueType : uint
    {
        UInt8 = 0,
        Int8 = 1,
        UInt16 = 2,
        Int16 = 3,
        UInt32 = 4,
        Int32 = 5,
        Float32 = 6,
        Bool = 7,
        String = 8,
        Array = 9,
        UInt64 = 10,
        Int64 = 11,
        Float64 = 12,
    }

    /// <summary>The alignment of tensor data, in bytes (GGUF's default, so no <c>general.alignment</c> key is needed).</summary>
    public int Alignment { get; } = 32;

    public GgufWriter Add(string key, string value) => AddEntry(key, ValueType.String, w => WriteString(w, value));

    public GgufWriter Add(string key, uint value) => AddEntry(key, ValueType.UInt32, w => w.Write(value));

    public GgufWriter Add(string key, float value) => AddEntry(key, ValueType.Float32, w => w.Write(value));

    public GgufWriter Add(string key, IReadOnlyList<string> values) =>
        AddArray(key, ValueType.String, values.Count, w => { foreach (var v in values) { WriteString(w, v); } });

    public GgufWriter Add(string key, IReadOnlyList<float> values) =>
        AddArray(key, ValueType.Float32, values.Count, w => { foreach (var v in values) { w.Write(v); } });

    public GgufWriter Add(string key, IReadOnlyList<int> values) =>
        AddArray(key, ValueType.Int32, values.Count, w => { foreach (var v in values) { w.Write(v); } });

    /// <summary>Adds an F32 tensor.</summary>
    /// <param name="name">The tensor's name, e.g. <c>blk.0.attn_q.weight</c>.</param>
    /// <param name="shape">The dimensions, innermost (contiguous) first, as ggml counts them.</param>
    /// <param name="data">The elements; their count must be the product of the dimensions.</param>
    public GgufWriter AddTensor(string name, long[] shape, float[] data)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length)
        {
            throw new ArgumentException($"Tensor {name} has shape [{string.Join(", ", shape)}] ({count} elements) but {data.Length} values.", nameof(data));
        }

        _tensors.Add((name, shape, data));
        return this;
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        Write(stream);
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(Version);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);

        foreach (var (key, type, writeValue) in _metadata)
        {
            WriteString(writer, key);
            writer.Write((uint)type);
            writeValue(writer);
        }

        var offset = 0L;
        foreach (var (name, shape, data) in _tensors)
        {
            WriteString(writer, name);
            writer.Write((uint)shape.Length);
            foreach (var dimension in shape)
            {
                writer.Write((ulong)dimension);
            }

            writer.Write(TensorTypeF32);
            writer.Write((ulong)offset);
            offset = AlignUp(offset + (data.Length * sizeof(float)));
        }

        Pad(writer, stream.Position);
        foreach (var (_, _, data) in _tensors)
        {
            foreach (var value in data)
            {
                writer.Write(value);
            }

            Pad(writer, data.Length * sizeof(float));
        }
    }

    private GgufWriter AddEntry(string key, ValueType type, Action<BinaryWriter> writeValue)
    {
        if (_metadata.Any(m => m.Key == key))
        {
            throw new ArgumentException($"Metadata key {key} was added twice.", nameof(key));
        }

        _metadata.Add((key, type, writeValue));
        return this;
    }

    private GgufWriter AddArray(string key, ValueType elementType, int count, Action<BinaryWriter> writeElements) =>
        AddEntry(key, ValueType.Array, w =>
        {
            w.Write((uint)elementType);
            w.Write((ulong)count);
            writeElements(w);
        });

    private long AlignUp(long position) => (position + Alignment - 1) / Alignment * Alignment;

    /// <summary>Writes zeros from <paramref name="position"/> up to the next aligned position.</summary>
    private void Pad(BinaryWriter writer, long position)
    {
        for (var i = position; i < AlignUp(position); i++)
        {
            writer.Write((byte)0);
        }
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
