using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Opto.Trainer.Runs;

/// <summary>
/// Lists every call made through it with the LLM calls of the training step that is running (model, tokens, latency,
/// request, answer), so the run store holds the workflow's own calls — a teacher writing data, an agent's model — next
/// to the optimizer's. Outside a trainer step it only passes calls on.
/// </summary>
/// <remarks>
/// With evaluation in parallel the calls are listed in the order they finished; use a degree of one where records
/// must come out identical from run to run.
/// </remarks>
public sealed class StepRecordingChatClient : DelegatingChatClient
{
    private readonly string _purpose;

    /// <summary>Wraps a chat client.</summary>
    /// <param name="innerClient">The client that makes the calls.</param>
    /// <param name="purpose">What the calls are for, as the records show it (e.g. <c>teacher</c>, <c>agent</c>).</param>
    /// <exception cref="ArgumentException">The purpose is empty.</exception>
    public StepRecordingChatClient(IChatClient innerClient, string purpose = "workflow")
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        _purpose = purpose;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var calls = StepCalls.Current;
        var started = Stopwatch.GetTimestamp();
        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        calls?.Add(Record(sent, options, response.Text ?? "", response.ModelId, response.Usage, Stopwatch.GetElapsedTime(started)));
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var calls = StepCalls.Current;
        var started = Stopwatch.GetTimestamp();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        // Only a stream read to the end is recorded: an abandoned one has no whole answer to keep.
        var response = updates.ToChatResponse();
        calls?.Add(Record(sent, options, response.Text ?? "", response.ModelId, response.Usage, Stopwatch.GetElapsedTime(started)));
    }

    private LlmCallRecord Record(IReadOnlyList<ChatMessage> sent, ChatOptions? options, string answer, string? model, UsageDetails? usage, TimeSpan latency) => new()
    {
        Purpose = _purpose,
        Model = model ?? options?.ModelId,
        InputTokens = usage?.InputTokenCount,
        OutputTokens = usage?.OutputTokenCount,
        Latency = latency,
        RequestJson = StepCalls.RequestJson(sent),
        Response = answer,
    };
}
