using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Opto.Llm.Tests.Support;
using Opto.Testing;

namespace Opto.Llm.Tests.Providers;

/// <summary>The real OpenAI SDK path, against a loopback server: no key, no internet.</summary>
public class OpenAIClientPathTests
{
    [Fact]
    public async Task A_compatible_server_gets_a_chat_completion_request_and_its_answer_comes_back()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueCompletion("Hello from the fake server", promptTokens: 12, completionTokens: 5);
        using var client = LlmClientFactory.Create(new LlmOptions
        {
            Provider = LlmProvider.OpenAICompatible,
            Endpoint = new Uri(server.BaseUri, "v1"),
            Model = "fake-model",
        });

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Say hello.")],
            new ChatOptions { Temperature = 0 });

        Assert.Equal("Hello from the fake server", response.Text);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Contains("\"model\":\"fake-model\"", request.Body);
        Assert.Contains("Say hello.", request.Body);

        // No key configured: no placeholder credential is sent to the server.
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_configured_key_is_sent_as_a_bearer_token()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueCompletion("ok");
        using var client = LlmClientFactory.Create(new LlmOptions
        {
            Provider = LlmProvider.OpenAICompatible, Endpoint = server.BaseUri, Model = "m", ApiKey = "local-secret",
        });

        await client.GetResponseAsync("hi");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer local-secret", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task Azure_uses_the_v1_path_and_the_api_key_header()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueCompletion("from azure");
        using var client = LlmClientFactory.Create(new LlmOptions
        {
            Provider = LlmProvider.AzureOpenAI, Endpoint = server.BaseUri, Model = "my-deployment", ApiKey = "azure-secret",
        });

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("from azure", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("azure-secret", request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Contains("\"model\":\"my-deployment\"", request.Body);
    }

    [Fact]
    public async Task A_real_429_with_Retry_After_is_retried_after_exactly_that_delay()
    {
        await using var server = new LoopbackOpenAIServer();
        server.Enqueue(429, """{"error":{"message":"Rate limit reached","type":"rate_limit"}}""", headers: ("Retry-After", "3"));
        server.EnqueueCompletion("after the pause");
        var time = new FakeTimeProvider();
        var retries = new List<LlmRetryInfo>();
        using var client = LlmClientFactory
            .CreateBuilder(new LlmOptions { Provider = LlmProvider.OpenAICompatible, Endpoint = server.BaseUri, Model = "m" })
            .UseOptoResilience(new LlmResilienceOptions { TimeProvider = time, OnRetry = retries.Add })
            .Build();

        var response = await FakeClock.RunAsync(time, client.GetResponseAsync("hi"));

        Assert.Equal("after the pause", response.Text);
        var retry = Assert.Single(retries);
        Assert.Equal(TimeSpan.FromSeconds(3), retry.Delay);
        Assert.True(retry.FromRetryAfter);
        Assert.Equal(429, Assert.IsType<ClientResultException>(retry.Exception).Status);

        // The SDK's own retries are off: exactly two HTTP requests were made.
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_real_400_is_not_retried()
    {
        await using var server = new LoopbackOpenAIServer();
        server.Enqueue(400, """{"error":{"message":"bad request","type":"invalid_request_error"}}""");
        var time = new FakeTimeProvider();
        using var client = LlmClientFactory
            .CreateBuilder(new LlmOptions { Provider = LlmProvider.OpenAICompatible, Endpoint = server.BaseUri, Model = "m" })
            .UseOptoResilience(new LlmResilienceOptions { TimeProvider = time })
            .Build();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(400, error.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Streaming_usage_from_the_server_reaches_the_ledger()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueStream(["Hel", "lo ", "world"], promptTokens: 9, completionTokens: 3);
        var ledger = new UsageLedger(prices: new PriceTable().Set("fake-model", inputPerMillion: 1m, outputPerMillion: 2m));
        using var client = LlmClientFactory
            .CreateBuilder(new LlmOptions { Provider = LlmProvider.OpenAICompatible, Endpoint = server.BaseUri, Model = "fake-model" })
            .UseTokenBudget(ledger)
            .Build();

        var text = string.Concat(await client.GetStreamingResponseAsync("hi").Select(update => update.Text).ToListAsync());

        Assert.Equal("Hello world", text);
        var record = Assert.Single(ledger.Records);
        Assert.True(record.Streaming);
        Assert.Equal(9, record.InputTokens);
        Assert.Equal(3, record.OutputTokens);
        Assert.Equal("stop", record.FinishReason);
        Assert.Equal(((9 * 1m) + (3 * 2m)) / 1_000_000m, record.Cost);
        Assert.Contains("\"stream\":true", Assert.Single(server.Requests).Body);
    }
}
