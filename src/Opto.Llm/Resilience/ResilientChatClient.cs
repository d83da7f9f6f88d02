using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Opto.Llm;

/// <summary>
/// Makes an <see cref="IChatClient"/> resilient with a Polly pipeline: retry with exponential backoff and jitter
/// (honouring Retry-After), then a circuit breaker, then a per-attempt timeout; and a concurrency limit around it all.
/// Add it with <c>UseOptoResilience</c>.
/// </summary>
/// <remarks>
/// <para>Errors that are not transient (400, 401, content filters, the caller's cancellation) pass straight through.
/// When retries run out the last error is thrown; an open circuit throws <see cref="BrokenCircuitException"/>
/// without calling the service; a timed-out attempt surfaces as <see cref="TimeoutRejectedException"/>.</para>
/// <para>Streaming calls are retried only until their first update arrives: after that, text has reached the
/// caller and a retry would duplicate it. The concurrency slot is held until the stream ends.</para>
/// </remarks>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim? _concurrency;

    /// <summary>Wraps a client.</summary>
    /// <param name="innerClient">The client to protect.</param>
    /// <param name="options">The settings; null uses the defaults.</param>
    public ResilientChatClient(IChatClient innerClient, LlmResilienceOptions? options = null)
        : base(innerClient)
    {
        Options = options ?? new LlmResilienceOptions();
        _pipeline = BuildPipeline(Options);
        _concurrency = Options.MaxConcurrency > 0 ? new SemaphoreSlim(Options.MaxConcurrency, Options.MaxConcurrency) : null;
    }

    /// <summary>The settings in use.</summary>
    public LlmResilienceOptions Options { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Retries enumerate the messages again, so a lazy sequence must be captured once.
        var request = new Request(InnerClient, messages as IList<ChatMessage> ?? [.. messages], options, cancellationToken);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) => await state.Inner.GetResponseAsync(state.Messages, state.Options, token).ConfigureAwait(false),
                request,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _concurrency?.Release();
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new Request(InnerClient, messages as IList<ChatMessage> ?? [.. messages], options, cancellationToken);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        StreamStart? start = null;
        try
        {
            start = await _pipeline.ExecuteAsync(static (state, token) => OpenStreamAsync(state, token), request, cancellationToken).ConfigureAwait(false);
            if (!start.HasFirst)
            {
                yield break;
            }

            yield return start.Enumerator.Current;
            while (await start.Enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                yield return start.Enumerator.Current;
            }
        }
        finally
        {
            if (start is not null)
            {
                await start.DisposeAsync().ConfigureAwait(false);
            }

            _concurrency?.Release();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _concurrency?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static async ValueTask<StreamStart> OpenStreamAsync(Request request, CancellationToken attemptToken)
    {
        // The stream outlives this attempt, but Polly's attempt token does not (its source is pooled and reused),
        // so the stream gets its own token: linked to the caller's, and cancelled by the attempt's timeout only
        // while we wait for the first update.
        var streamCancellation = CancellationTokenSource.CreateLinkedTokenSource(request.CallerToken);
        IAsyncEnumerator<ChatResponseUpdate>? enumerator = null;
        try
        {
            using (attemptToken.Register(static source => ((CancellationTokenSource)source!).Cancel(), streamCancellation))
            {
                enumerator = request.Inner
                    .GetStreamingResponseAsync(request.Messages, request.Options, streamCancellation.Token)
                    .GetAsyncEnumerator(streamCancellation.Token);
                var hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
                return new StreamStart(enumerator, hasFirst, streamCancellation);
            }
        }
        catch
        {
            if (enumerator is not null)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            streamCancellation.Dispose();
            throw;
        }
    }

    private static ResiliencePipeline BuildPipeline(LlmResilienceOptions options)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };

        if (options.MaxRetryAttempts > 0)
        {
            var retry = new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error && ShouldRetry(error, options, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error ? LlmErrors.GetRetryAfter(error, options.TimeProvider) : null),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception;
                    var fromRetryAfter = error is not null && LlmErrors.GetRetryAfter(error, options.TimeProvider) is not null;

                    // Retries show up on the surrounding span (the chat span when UseOptoTelemetry is outside).
                    Activity.Current?.AddEvent(new ActivityEvent("opto.llm.retry", tags: new ActivityTagsCollection
                    {
                        ["opto.llm.retry.number"] = args.AttemptNumber + 1,
                        ["opto.llm.retry.delay_ms"] = args.RetryDelay.TotalMilliseconds,
                        ["error.type"] = error?.GetType().FullName,
                    }));
                    options.OnRetry?.Invoke(new LlmRetryInfo(args.AttemptNumber + 1, args.RetryDelay, error, fromRetryAfter));
                    return default;
                },
            };
            if (options.JitterSeed is { } seed)
            {
                var random = new Random(seed);
                retry.Randomizer = () =>
                {
                    lock (random)
                    {
                        return random.NextDouble();
                    }
                };
            }

            builder.AddRetry(retry);
        }

        if (options.UseCircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error && IsFailure(error, options, args.Context.CancellationToken)),
            });
        }

        if (options.AttemptTimeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        return builder.Build();
    }

    private static bool IsFailure(Exception error, LlmResilienceOptions options, CancellationToken callerToken) =>
        LlmErrors.IsTransient(error, callerToken)
        || (!callerToken.IsCancellationRequested && error is not BrokenCircuitException && options.IsTransient?.Invoke(error) == true);

    private static bool ShouldRetry(Exception error, LlmResilienceOptions options, CancellationToken callerToken)
    {
        if (!IsFailure(error, options, callerToken))
        {
            return false;
        }

        // A service that asks for a longer pause than we accept gets its error reported rather than a stalled run.
        return LlmErrors.GetRetryAfter(error, options.TimeProvider) is not { } retryAfter || retryAfter <= options.MaxRetryAfter;
    }

    private ValueTask EnterAsync(CancellationToken cancellationToken) =>
        _concurrency is null ? ValueTask.CompletedTask : new ValueTask(_concurrency.WaitAsync(cancellationToken));

    private sealed record Request(IChatClient Inner, IList<ChatMessage> Messages, ChatOptions? Options, CancellationToken CallerToken);

    private sealed class StreamStart(IAsyncEnumerator<ChatResponseUpdate> enumerator, bool hasFirst, CancellationTokenSource cancellation)
        : IAsyncDisposable
    {
        public IAsyncEnumerator<ChatResponseUpdate> Enumerator { get; } = enumerator;

        public bool HasFirst { get; } = hasFirst;

        public async ValueTask DisposeAsync()
        {
            await Enumerator.DisposeAsync().ConfigureAwait(false);
            cancellation.Dispose();
        }
    }
}
