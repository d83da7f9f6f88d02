using System.Buffers;
using System.Text.Json;

namespace Opto.Optimizers;

/// <summary>
/// A JSON-like value read leniently from an LLM answer. <see cref="Complete"/> is false when the text ended (or
/// broke) inside it; a container then holds only the members that were read in full before that point.
/// </summary>
internal abstract class LooseValue(int start)
{
    /// <summary>Where the value starts in the source text.</summary>
    public int Start { get; } = start;

    /// <summary>Where the value ends in the source text (exclusive).</summary>
    public int End { get; set; }

    public bool Complete { get; set; }

    /// <summary>The value as the answer wrote it: string contents for strings, the source slice otherwise.</summary>
    public virtual string DisplayText(string source) => source[Start..Math.Max(Start, End)];

    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The value as strict JSON (only meaningful when complete).</summary>
    public JsonElement ToElement()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}

internal sealed record LooseMember(string Key, LooseValue? Value);

internal sealed class LooseObject(int start) : LooseValue(start)
{
    public List<LooseMember> Members { get; } = [];

    /// <summary>Why reading stopped early, when it did because of a syntax error rather than the end of the text.</summary>
    public string? Error { get; set; }

    public LooseValue? Find(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            foreach (var member in Members)
            {
                if (string.Equals(member.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return member.Value;
                }
            }
        }

        return null;
    }

    public bool Has(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            foreach (var member in Members)
            {
                if (string.Equals(member.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var member in Members)
        {
            if (member.Value is { Complete: true } value)
            {
                writer.WritePropertyName(member.Key);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}

internal sealed class LooseArray(int start) : LooseValue(start)
{
    public List<LooseValue> Items { get; } = [];

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in Items)
        {
            if (item.Complete)
            {
                item.WriteTo(writer);
            }
        }

        writer.WriteEndArray();
    }
}

internal sealed class LooseScalar(int start, JsonValueKind kind, string text) : LooseValue(start)
{
    public JsonValueKind Kind { get; } = kind;

    /// <summary>For strings the contents; for numbers strict JSON number text; for literals the JSON word.</summary>
    public string Text { get; } = text;

    public override string DisplayText(string source) => Kind == JsonValueKind.String ? Text : base.DisplayText(source);

    public override void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(Text);
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(Text, skipInputValidation: false);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
