using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Opto.Testing;

/// <summary>
/// A deterministic <see cref="IChatClient"/> for tests: it answers from a queue of <see cref="ScriptedStep"/>s and,
/// when the queue is empty, from <see cref="Responder"/>. It records every request and counts calls in flight, and
/// its steps can inject faults (status codes with Retry-After), delays, hangs and truncated answers.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Lock _lock = new();
    private readonly Queue<ScriptedStep> _steps = new();
    private readonly List<ScriptedRequest> _requests = [];
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Creates a client with an empty script.</summary>
    public ScriptedChatClient()
    {
    }

    /// <summary>Creates a client that gives these answers, in order.</summary>
    /// <param name="replies">The answers.</param>
    public ScriptedChatClient(params IEnumerable<string> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            Enqueue(ScriptedStep.Reply(reply));
        }
    }

    /// <summary>Creates a client that takes these steps, in order.</summary>
    /// <param name="steps">The steps.</param>
    public ScriptedChatClient(params IEnumerable<ScriptedStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            Enqueue(step);
        }
    }

    /// <summary>The model reported in answers and metadata. Default <c>scripted-model</c>.</summary>
    public string ModelId { get; init; } = "scripted-model";

    /// <summary>The clock used by delayed steps; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Chooses the step when the queue is empty; null makes an empty queue an error.</summary>
    public Func<ScriptedRequest, ScriptedStep>? Responder { get; set; }

    /// <summary>A snapshot of every request received, in order of arrival.</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many calls were received.</summary>
    public int CallCount
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>How many calls are in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most calls that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>How many queued steps are left.</summary>
    public int RemainingSteps
    {
        get
        {
            lock (_lock)
            {
                return _steps.Count;
            }
        }
    }

    /// <summary>Adds a step to the end of the script.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This client, for chaining.</returns>
    public ScriptedChatClient Enqueue(ScriptedStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            _steps.Enqueue(step);
        }

        return this;
    }

    /// <summary>Adds a text answer to the end of the script.</summary>
    /// <param name="text">The answer.</param>
    /// <returns>This client, for chaining.</returns>
    public ScriptedChatClient EnqueueReply(string text) => Enqueue(ScriptedStep.Reply(text));

    /// <summary>Adds an HTTP-like fault to the end of the script.</summary>
    /// <param name="statusCode">The status, e.g. 429.</param>
    /// <param name="retryAfter">The Retry-After sent with it, if any.</param>
    /// <returns>This client, for chaining.</returns>
    public ScriptedChatClient EnqueueFault(int statusCode, TimeSpan? retryAfter = null) => Enqueue(ScriptedStep.Fault(statusCode, retryAfter));

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (request, step) = Arrive(messages, options, streaming: false);
        try
        {
            return await RunAsync(request, step, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (request, step) = Arrive(messages, options, streaming: true);
        try
        {
            var response = await RunAsync(request, step, cancellationToken).ConfigureAwait(false);
            foreach (var update in ToUpdates(response))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("scripted", providerUri: null, ModelId);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    private (ScriptedRequest Request, ScriptedStep? Step) Arrive(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        ScriptedRequest request;
        ScriptedStep? step;
        lock (_lock)
        {
            request = new ScriptedRequest(_requests.Count, [.. messages], options?.Clone(), streaming);
            _requests.Add(request);
            step = _steps.Count > 0 ? _steps.Dequeue() : null;
        }

        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max)
            {
                break;
            }
        }

        return (request, step);
    }

    private async Task<ChatResponse> RunAsync(ScriptedRequest request, ScriptedStep? step, CancellationToken cancellationToken)
    {
        step ??= Responder?.Invoke(request)
            ?? throw new InvalidOperationException(
                $"The script is exhausted: call #{request.Index + 1} found no queued step and no Responder. Last user message: \"{request.LastUserText}\"");
        while (step.Factory is { } factory)
        {
            step = factory(request);
        }

        if (step.Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (step.Delay > TimeSpan.Zero)
        {
            await Task.Delay(step.Delay, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (step.Hangs)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (step.Exception is { } exception)
        {
            throw exception;
        }

        if (step.Response is { } response)
        {
            return response;
        }

        var text = step.Text ?? string.Empty;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            ResponseId = string.Create(CultureInfo.InvariantCulture, $"scripted-{request.Index + 1}"),
            FinishReason = step.FinishReason ?? ChatFinishReason.Stop,
            Usage = step.Usage ?? EstimateUsage(request, text),
        };
    }

    private static UsageDetails EstimateUsage(ScriptedRequest request, string answer)
    {
        // Roughly four characters per token, at least one: enough for budget tests to see tokens move.
        static long Tokens(int characters) => Math.Max(1, (characters + 3) / 4);
        var input = Tokens(request.Messages.Sum(message => message.Text.Length));
        var output = Tokens(answer.Length);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    private static IEnumerable<ChatResponseUpdate> ToUpdates(ChatResponse response)
    {
        // Word-sized chunks, then a last update with the finish reason and usage, the way OpenAI streams.
        var text = response.Text;
        var start = 0;
        while (start < text.Length)
        {
            var space = text.IndexOf(' ', start);
            var end = space < 0 ? text.Length : space + 1;
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[start..end]) { ModelId = response.ModelId, ResponseId = response.ResponseId };
            start = end;
        }

        var last = new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = response.ModelId, ResponseId = response.ResponseId, FinishReason = response.FinishReason };
        if (response.Usage is { } usage)
        {
            last.Contents.Add(new UsageContent(usage));
        }

        yield return last;
    }
}
