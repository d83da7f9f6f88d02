using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Opto.Llm;

/// <summary>
/// Records every call in a <see cref="UsageLedger"/> (tokens from <see cref="ChatResponse.Usage"/> or from the
/// usage content of streaming updates, latency, cost) and refuses new calls once the ledger's budget is used up.
/// Add it with <c>UseTokenBudget</c>.
/// </summary>
/// <remarks>
/// The budget is checked before the inner client is called, so a refused call sends nothing and throws
/// <see cref="BudgetExceededException"/>. A call already in flight is never cut off: it completes and is recorded.
/// Failed and cancelled calls are recorded too, with their error.
/// </remarks>
public sealed class TokenBudgetChatClient : DelegatingChatClient
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps a client.</summary>
    /// <param name="innerClient">The client whose calls are counted.</param>
    /// <param name="ledger">Where calls are recorded and the budget is kept.</param>
    /// <param name="source">A name for this client in the records (e.g. <c>optimizer</c>, <c>task</c>); optional.</param>
    /// <param name="timeProvider">The clock for timestamps and latencies; null uses the system clock.</param>
    public TokenBudgetChatClient(IChatClient innerClient, UsageLedger ledger, string? source = null, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Ledger = ledger;
        Source = source;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The ledger that records this client's calls.</summary>
    public UsageLedger Ledger { get; }

    /// <summary>The name of this client in the records.</summary>
    public string? Source { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = RequestedModel(options);
        var sequence = Ledger.BeginCall(model);
        var startedAt = _timeProvider.GetUtcNow();
        var started = _timeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Ledger.CompleteCall(sequence, Source, model, startedAt, _timeProvider.GetElapsedTime(started), null, null, false, error);
            throw;
        }

        Ledger.CompleteCall(
            sequence,
            Source,
            response.ModelId ?? model,
            startedAt,
            _timeProvider.GetElapsedTime(started),
            response.Usage,
            response.FinishReason?.Value,
            false,
            null);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = RequestedModel(options);
        var sequence = Ledger.BeginCall(model);
        var startedAt = _timeProvider.GetUtcNow();
        var started = _timeProvider.GetTimestamp();
        UsageDetails? usage = null;
        string? reportedModel = null;
        string? finishReason = null;
        Exception? failure = null;
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    updates ??= base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception error)
                {
                    failure = error;
                    throw;
                }

                reportedModel ??= update.ModelId;
                finishReason = update.FinishReason?.Value ?? finishReason;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: { } details })
                    {
                        usage ??= new UsageDetails();
                        usage.Add(details);
                    }
                }

                yield return update;
            }
        }
        finally
        {
            // Runs also when the consumer stops early: whatever was used is still recorded.
            if (updates is not null)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            Ledger.CompleteCall(
                sequence, Source, reportedModel ?? model, startedAt, _timeProvider.GetElapsedTime(started), usage, finishReason, true, failure);
        }
    }

    private string? RequestedModel(ChatOptions? options) =>
        options?.ModelId ?? InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
}
