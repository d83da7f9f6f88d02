using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Opto.Trainer.Runs;

/// <summary>
/// Collects LLM calls made during a step outside the optimizer (an LLM judge's), so the step's record lists them.
/// The trainer opens one per step; it flows, async-locally, into every example's evaluation.
/// </summary>
internal sealed class StepCalls
{
    private static readonly AsyncLocal<StepCalls?> CurrentCalls = new();
    private readonly ConcurrentQueue<LlmCallRecord> _calls = new();

    /// <summary>The collector of the step running in this async flow, if any.</summary>
    public static StepCalls? Current
    {
        get => CurrentCalls.Value;
        set => CurrentCalls.Value = value;
    }

    public void Add(LlmCallRecord call) => _calls.Enqueue(call);

    public IReadOnlyList<LlmCallRecord> ToList() => [.. _calls];

    /// <summary>The messages of a call as a JSON array of {role, text}.</summary>
    public static string RequestJson(IEnumerable<(string Role, string Text)> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (role, text) in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteString("text", text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string RequestJson(IEnumerable<ChatMessage> messages) => RequestJson(messages.Select(m => (m.Role.Value, m.Text)));
}
