using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Opto.Llm.Tests.Support;
using Opto.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Opto.Llm.Tests.Resilience;

public class ResilienceTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<LlmRetryInfo> _retries = [];

    private LlmResilienceOptions Options(LlmResilienceOptions? overrides = null) => (overrides ?? new LlmResilienceOptions()) with
    {
        TimeProvider = _time,
        JitterSeed = overrides?.JitterSeed ?? 42,
        OnRetry = _retries.Add,
    };

    private static IChatClient Wrap(IChatClient inner, LlmResilienceOptions options) =>
        inner.AsBuilder().UseOptoResilience(options).Build();

    [Fact]
    public async Task A_429_with_Retry_After_waits_exactly_that_long_on_the_clock()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(429, TimeSpan.FromSeconds(7)), ScriptedStep.Reply("ok"));
        using var client = Wrap(scripted, Options());
        var start = _time.GetUtcNow();

        var response = await FakeClock.RunAsync(_time, client.GetResponseAsync("hi"));

        Assert.Equal("ok", response.Text);
        var retry = Assert.Single(_retries);
        Assert.Equal(1, retry.RetryNumber);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.Delay);
        Assert.True(retry.FromRetryAfter);
        Assert.Equal(429, Assert.IsType<LlmServiceException>(retry.Exception).StatusCode);
        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromSeconds(7), "the wait happened on the fake clock");
        Assert.Equal(2, scripted.CallCount);
    }

    [Fact]
    public async Task A_Retry_After_above_the_backoff_cap_but_within_the_maximum_is_honoured_in_full()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(503, TimeSpan.FromSeconds(90)), ScriptedStep.Reply("ok"));
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { MaxDelay = TimeSpan.FromSeconds(60), MaxRetryAfter = TimeSpan.FromMinutes(2) }));

        await FakeClock.RunAsync(_time, client.GetResponseAsync("hi"), TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.Single(_retries).Delay);
    }

    [Fact]
    public async Task Errors_without_Retry_After_back_off_exponentially_with_jitter_within_the_cap()
    {
        var scripted = new ScriptedChatClient(
            ScriptedStep.Fault(503), ScriptedStep.Fault(500), ScriptedStep.Fault(502), ScriptedStep.Reply("ok"));
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) }));

        var response = await FakeClock.RunAsync(_time, client.GetResponseAsync("hi"));

        Assert.Equal("ok", response.Text);
        Assert.Equal([1, 2, 3], _retries.Select(r => r.RetryNumber));
        Assert.All(_retries, retry =>
        {
            Assert.False(retry.FromRetryAfter);
            Assert.InRange(retry.Delay, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        });
    }

    [Fact]
    public async Task Without_jitter_the_backoff_doubles_from_the_base_delay()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(503), ScriptedStep.Fault(503), ScriptedStep.Fault(503), ScriptedStep.Reply("ok"));
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { UseJitter = false, BaseDelay = TimeSpan.FromSeconds(2) }));

        await FakeClock.RunAsync(_time, client.GetResponseAsync("hi"));

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], _retries.Select(r => r.Delay));
    }

    [Fact]
    public async Task The_same_jitter_seed_gives_the_same_delays()
    {
        async Task<TimeSpan[]> DelaysWith(int seed)
        {
            var time = new FakeTimeProvider();
            var seen = new List<LlmRetryInfo>();
            var scripted = new ScriptedChatClient(ScriptedStep.Fault(503), ScriptedStep.Fault(503), ScriptedStep.Fault(503), ScriptedStep.Reply("ok"));
            using var client = Wrap(scripted, new LlmResilienceOptions { TimeProvider = time, JitterSeed = seed, OnRetry = seen.Add });
            await FakeClock.RunAsync(time, client.GetResponseAsync("hi"));
            return [.. seen.Select(r => r.Delay)];
        }

        var first = await DelaysWith(7);
        var again = await DelaysWith(7);
        var other = await DelaysWith(8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(400), ScriptedStep.Reply("never"));
        using var client = Wrap(scripted, Options());

        var error = await Assert.ThrowsAsync<LlmServiceException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(400, error.StatusCode);
        Assert.Empty(_retries);
        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_maximum_is_reported_instead_of_waited()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(429, TimeSpan.FromMinutes(30)), ScriptedStep.Reply("never"));
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { MaxRetryAfter = TimeSpan.FromMinutes(1) }));

        var error = await Assert.ThrowsAsync<LlmServiceException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(TimeSpan.FromMinutes(30), error.RetryAfter);
        Assert.Empty(_retries);
    }

    [Fact]
    public async Task Retries_stop_after_the_maximum_and_the_last_error_is_thrown()
    {
        var scripted = new ScriptedChatClient { Responder = _ => ScriptedStep.Fault(503) };
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { MaxRetryAttempts = 2, UseCircuitBreaker = false }));

        var error = await Assert.ThrowsAsync<LlmServiceException>(() => FakeClock.RunAsync(_time, client.GetResponseAsync("hi")));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, scripted.CallCount);
        Assert.Equal(2, _retries.Count);
    }

    [Fact]
    public async Task A_hung_attempt_times_out()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Hang()) { TimeProvider = _time };
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { MaxRetryAttempts = 0, AttemptTimeout = TimeSpan.FromSeconds(10) }));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => FakeClock.RunAsync(_time, client.GetResponseAsync("hi")));
        Assert.Equal(0, scripted.InFlight);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Hang(), ScriptedStep.Reply("second try")) { TimeProvider = _time };
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(10) }));

        var response = await FakeClock.RunAsync(_time, client.GetResponseAsync("hi"));

        Assert.Equal("second try", response.Text);
        Assert.IsType<TimeoutRejectedException>(Assert.Single(_retries).Exception);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Hang(), ScriptedStep.Reply("never"));
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { AttemptTimeout = null }));
        using var cancellation = new CancellationTokenSource();

        var call = client.GetResponseAsync("hi", cancellationToken: cancellation.Token);
        await FakeClock.WaitUntilAsync(() => scripted.InFlight == 1, "the call is in flight");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(_retries);
        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_after_a_successful_trial()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(500), ScriptedStep.Fault(500), ScriptedStep.Reply("recovered"));
        using var client = Wrap(scripted, Options(new LlmResilienceOptions
        {
            MaxRetryAttempts = 0,
            CircuitBreakerMinimumThroughput = 2,
            CircuitBreakerFailureRatio = 0.5,
            CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30),
            CircuitBreakerBreakDuration = TimeSpan.FromSeconds(10),
        }));

        await Assert.ThrowsAsync<LlmServiceException>(() => client.GetResponseAsync("1"));
        await Assert.ThrowsAsync<LlmServiceException>(() => client.GetResponseAsync("2"));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetResponseAsync("3"));
        Assert.Equal(2, scripted.CallCount);

        _time.Advance(TimeSpan.FromSeconds(11));
        var response = await client.GetResponseAsync("4");

        Assert.Equal("recovered", response.Text);
        Assert.Equal(3, scripted.CallCount);
    }

    [Fact]
    public async Task An_open_circuit_is_not_retried()
    {
        var scripted = new ScriptedChatClient { Responder = _ => ScriptedStep.Fault(503) };
        using var client = Wrap(scripted, Options(new LlmResilienceOptions
        {
            MaxRetryAttempts = 5,
            CircuitBreakerMinimumThroughput = 2,
            CircuitBreakerFailureRatio = 1.0,
            CircuitBreakerBreakDuration = TimeSpan.FromMinutes(5),
        }));

        // Two failed attempts open the circuit; the retry that follows meets the open circuit and gives up at once.
        await Assert.ThrowsAsync<BrokenCircuitException>(() => FakeClock.RunAsync(_time, client.GetResponseAsync("hi")));
        Assert.Equal(2, scripted.CallCount);
    }

    [Fact]
    public async Task No_more_calls_than_the_limit_are_in_flight()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripted = new ScriptedChatClient { Responder = _ => ScriptedStep.Reply("done").WaitingFor(release.Task) };
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { MaxConcurrency = 3 }));

        var calls = Enumerable.Range(0, 10).Select(i => Task.Run(() => client.GetResponseAsync($"call {i}"))).ToList();
        await FakeClock.WaitUntilAsync(() => scripted.InFlight == 3, "three calls are in flight");
        Assert.Equal(3, scripted.CallCount);

        release.SetResult();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, response => Assert.Equal("done", response.Text));
        Assert.Equal(10, scripted.CallCount);
        Assert.Equal(3, scripted.MaxInFlight);
    }

    [Fact]
    public async Task A_stream_is_retried_until_its_first_update()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(503), ScriptedStep.Reply("streamed after a retry"));
        using var client = Wrap(scripted, Options());

        var response = await FakeClock.RunAsync(_time, client.GetStreamingResponseAsync("hi").ToChatResponseAsync());

        Assert.Equal("streamed after a retry", response.Text);
        Assert.Single(_retries);
        Assert.Equal(2, scripted.CallCount);
        Assert.True(scripted.Requests[1].Streaming);
    }

    [Fact]
    public async Task A_stream_holds_its_concurrency_slot_until_it_ends()
    {
        var scripted = new ScriptedChatClient { Responder = _ => ScriptedStep.Reply("one two three") };
        using var client = Wrap(scripted, Options(new LlmResilienceOptions { MaxConcurrency = 1 }));

        await using (var stream = client.GetStreamingResponseAsync("first").GetAsyncEnumerator())
        {
            Assert.True(await stream.MoveNextAsync());
            var second = client.GetResponseAsync("second");
            await Task.Delay(20);
            Assert.False(second.IsCompleted);
            Assert.Equal(1, scripted.CallCount);

            while (await stream.MoveNextAsync())
            {
            }

            await stream.DisposeAsync();
            Assert.Equal("one two three", (await second).Text);
        }

        Assert.Equal(1, scripted.MaxInFlight);
    }

    [Fact]
    public void Transient_errors_are_classified()
    {
        Assert.True(LlmErrors.IsTransient(new LlmServiceException(429)));
        Assert.True(LlmErrors.IsTransient(new LlmServiceException(503)));
        Assert.True(LlmErrors.IsTransient(new HttpRequestException("connection refused")));
        Assert.True(LlmErrors.IsTransient(new HttpRequestException("x", null, System.Net.HttpStatusCode.BadGateway)));
        Assert.True(LlmErrors.IsTransient(new TimeoutRejectedException()));
        Assert.True(LlmErrors.IsTransient(new InvalidOperationException("wrapped", new IOException("reset"))));
        Assert.False(LlmErrors.IsTransient(new LlmServiceException(401)));
        Assert.False(LlmErrors.IsTransient(new HttpRequestException("x", null, System.Net.HttpStatusCode.BadRequest)));
        Assert.False(LlmErrors.IsTransient(new BrokenCircuitException()));
        Assert.False(LlmErrors.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(LlmErrors.IsTransient(new OperationCanceledException(), new CancellationToken(canceled: true)));
    }
}
