using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Opto.Testing;

namespace Opto.Llm.Tests.Testing;

public class ScriptedChatClientTests
{
    [Fact]
    public async Task Replies_come_in_order_and_every_request_is_recorded()
    {
        using var client = new ScriptedChatClient("first", "second");
        var options = new ChatOptions { Temperature = 0.3f, ModelId = "asked-model" };

        var a = await client.GetResponseAsync([new(ChatRole.System, "rules"), new(ChatRole.User, "q1")], options);
        var b = await client.GetResponseAsync("q2");

        Assert.Equal(("first", "second"), (a.Text, b.Text));
        Assert.Equal(2, client.CallCount);
        Assert.Equal("q1", client.Requests[0].LastUserText);
        Assert.Equal("system: rules\nuser: q1", client.Requests[0].Transcript);
        Assert.Equal(0.3f, client.Requests[0].Options?.Temperature);
        Assert.Null(client.Requests[1].Options);
        Assert.True(a.Usage?.InputTokenCount > 0);
        Assert.Equal(ChatFinishReason.Stop, a.FinishReason);
    }

    [Fact]
    public async Task A_fault_carries_its_status_and_Retry_After()
    {
        using var client = new ScriptedChatClient(ScriptedStep.Fault(429, TimeSpan.FromSeconds(12)));

        var error = await Assert.ThrowsAsync<LlmServiceException>(() => client.GetResponseAsync("x"));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(12), LlmErrors.GetRetryAfter(error));
    }

    [Fact]
    public async Task Any_exception_can_be_thrown()
    {
        using var client = new ScriptedChatClient(ScriptedStep.Throw(new HttpRequestException("connection reset")));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("x"));
    }

    [Fact]
    public async Task A_truncated_answer_is_cut_and_says_so()
    {
        using var client = new ScriptedChatClient(ScriptedStep.Truncated("""{"suggestion": {"x": 42}}""", keepCharacters: 16));

        var response = await client.GetResponseAsync("x");

        Assert.Equal("""{"suggestion": {""", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task A_delay_is_measured_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        using var client = new ScriptedChatClient(ScriptedStep.Reply("late").After(TimeSpan.FromMinutes(5))) { TimeProvider = time };

        var call = client.GetResponseAsync("x");
        Assert.False(call.IsCompleted);
        Assert.Equal(1, client.InFlight);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("late", (await call).Text);
        Assert.Equal(0, client.InFlight);
    }

    [Fact]
    public async Task A_hang_ends_only_with_cancellation()
    {
        using var client = new ScriptedChatClient(ScriptedStep.Hang());
        using var cancellation = new CancellationTokenSource();

        var call = client.GetResponseAsync("x", cancellationToken: cancellation.Token);
        Assert.False(call.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Answers_can_be_a_function_of_the_request()
    {
        using var client = new ScriptedChatClient { Responder = request => ScriptedStep.Reply($"echo: {request.LastUserText}") };
        client.Enqueue(ScriptedStep.From(request => request.Index == 0 ? "queued first" : "unused"));

        Assert.Equal("queued first", (await client.GetResponseAsync("a")).Text);
        Assert.Equal("echo: b", (await client.GetResponseAsync("b")).Text);
        Assert.Equal(0, client.RemainingSteps);
    }

    [Fact]
    public async Task An_exhausted_script_fails_clearly()
    {
        using var client = new ScriptedChatClient("only one");
        await client.GetResponseAsync("a");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("second question"));

        Assert.Contains("call #2", error.Message);
        Assert.Contains("second question", error.Message);
    }

    [Fact]
    public async Task Streaming_splits_the_answer_and_ends_with_usage()
    {
        using var client = new ScriptedChatClient(ScriptedStep.Reply("alpha beta gamma", new UsageDetails { InputTokenCount = 3, OutputTokenCount = 3 }));

        var updates = await client.GetStreamingResponseAsync("x").ToListAsync();

        Assert.True(updates.Count >= 4);
        Assert.Equal("alpha beta gamma", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Contains(updates[^1].Contents, c => c is UsageContent { Details.OutputTokenCount: 3 });
        Assert.True(client.Requests[0].Streaming);
    }

    [Fact]
    public void Metadata_is_provided_for_consumers_such_as_Semantic_Kernel()
    {
        using var client = new ScriptedChatClient { ModelId = "m-1" };

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("scripted", metadata.ProviderName);
        Assert.Equal("m-1", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<ScriptedChatClient>());
    }
}
