using Microsoft.Extensions.AI;
using Opto.Llm.Tests.Support;
using Opto.Testing;

namespace Opto.Llm.Tests.Budget;

public class TokenBudgetTests
{
    private static readonly PriceTable Prices = new PriceTable()
        .Set("gpt-test", inputPerMillion: 1.00m, outputPerMillion: 2.00m)
        .Set("gpt-test-mini", inputPerMillion: 0.10m, outputPerMillion: 0.40m);

    private static UsageDetails Usage(long input, long output) =>
        new() { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };

    private static IChatClient Wrap(IChatClient inner, UsageLedger ledger, string? source = null) =>
        inner.AsBuilder().UseTokenBudget(ledger, source).Build();

    [Fact]
    public async Task Each_call_is_recorded_with_tokens_latency_and_cost()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Reply("answer", Usage(1000, 500))) { ModelId = "gpt-test-2025-01-01" };
        var ledger = new UsageLedger(prices: Prices);
        using var client = Wrap(scripted, ledger, source: "optimizer");

        await client.GetResponseAsync("question");

        var record = Assert.Single(ledger.Records);
        Assert.Equal(1, record.Sequence);
        Assert.Equal("optimizer", record.Source);
        Assert.Equal("gpt-test-2025-01-01", record.Model);
        Assert.Equal(1000, record.InputTokens);
        Assert.Equal(500, record.OutputTokens);
        Assert.Equal(0.002m, record.Cost);
        Assert.Equal("stop", record.FinishReason);
        Assert.True(record.Latency >= TimeSpan.Zero);
        Assert.True(record.Succeeded);
        Assert.Equal(new UsageTotals(1, 0, 1000, 500, 0, 0.002m, 0, 0), ledger.Totals);
    }

    [Fact]
    public void Prices_match_the_longest_prefix_and_charge_cached_input_separately()
    {
        Assert.True(Prices.TryGetPrice("gpt-test-mini-2025-02-02", out var mini));
        Assert.Equal(0.10m, mini.InputPerMillion);
        Assert.True(Prices.TryGetPrice("GPT-TEST", out var exact));
        Assert.Equal(1.00m, exact.InputPerMillion);
        Assert.False(Prices.TryGetPrice("llama3.2", out _));

        var price = new ModelPrice(InputPerMillion: 2m, OutputPerMillion: 8m, CachedInputPerMillion: 0.5m);
        Assert.Equal(((600 * 2m) + (400 * 0.5m) + (100 * 8m)) / 1_000_000m, price.CostOf(inputTokens: 1000, outputTokens: 100, cachedInputTokens: 400));
    }

    [Fact]
    public async Task When_the_budget_is_used_up_the_next_call_is_refused_before_it_is_sent()
    {
        var scripted = new ScriptedChatClient { ModelId = "gpt-test", Responder = _ => ScriptedStep.Reply("ok", Usage(1000, 500)) };
        var ledger = new UsageLedger(new TokenBudget { MaxCost = 0.003m }, Prices);
        using var client = Wrap(scripted, ledger);

        await client.GetResponseAsync("1");
        await client.GetResponseAsync("2");
        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("3"));

        Assert.Equal(2, scripted.CallCount);
        Assert.Equal(2, ledger.Records.Count);
        Assert.Equal(0.004m, ledger.Totals.Cost);
        Assert.Contains("cost 0.004 reached the limit of 0.003", error.Message);
        Assert.Equal(ledger.Totals, error.Totals);
        Assert.NotNull(ledger.ExhaustedReason);
        Assert.Throws<BudgetExceededException>(ledger.ThrowIfExhausted);
    }

    [Fact]
    public async Task Calls_in_flight_when_the_budget_runs_out_complete_and_are_recorded()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripted = new ScriptedChatClient { Responder = _ => ScriptedStep.Reply("slow", Usage(60, 20)).WaitingFor(release.Task) };
        var ledger = new UsageLedger(new TokenBudget { MaxTotalTokens = 100 });
        using var client = Wrap(scripted, ledger);

        var first = client.GetResponseAsync("a");
        var second = client.GetResponseAsync("b");
        await FakeClock.WaitUntilAsync(() => scripted.InFlight == 2, "both calls are in flight");
        Assert.Equal(2, ledger.Totals.InFlight);

        release.SetResult();
        await Task.WhenAll(first, second);
        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("c"));

        Assert.Equal(2, scripted.CallCount);
        Assert.Equal(2, ledger.Records.Count);
        Assert.Equal(160, ledger.Totals.TotalTokens);
        Assert.Equal(0, ledger.Totals.InFlight);
    }

    [Fact]
    public async Task A_call_limit_counts_calls_as_they_start()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripted = new ScriptedChatClient { Responder = _ => ScriptedStep.Reply("ok").WaitingFor(release.Task) };
        var ledger = new UsageLedger(new TokenBudget { MaxCalls = 2 });
        using var client = Wrap(scripted, ledger);

        var first = client.GetResponseAsync("a");
        var second = client.GetResponseAsync("b");
        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("c"));
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.Contains("2 calls started, the limit is 2", error.Message);
        Assert.Equal(2, scripted.CallCount);
        Assert.Equal(2, ledger.Totals.Calls);
    }

    [Fact]
    public async Task Failed_calls_are_recorded_with_their_error()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Fault(400, message: "bad prompt"));
        var ledger = new UsageLedger();
        using var client = Wrap(scripted, ledger);

        await Assert.ThrowsAsync<LlmServiceException>(() => client.GetResponseAsync("x"));

        var record = Assert.Single(ledger.Records);
        Assert.False(record.Succeeded);
        Assert.Equal("LlmServiceException: bad prompt", record.Error);
        Assert.Equal(1, ledger.Totals.FailedCalls);
    }

    [Fact]
    public async Task Streaming_usage_is_counted_from_the_updates()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Reply("several words streamed back", Usage(40, 7))) { ModelId = "gpt-test" };
        var ledger = new UsageLedger(prices: Prices);
        using var client = Wrap(scripted, ledger);

        var response = await client.GetStreamingResponseAsync("go").ToChatResponseAsync();

        Assert.Equal("several words streamed back", response.Text);
        var record = Assert.Single(ledger.Records);
        Assert.True(record.Streaming);
        Assert.Equal((40, 7), (record.InputTokens, record.OutputTokens));
        Assert.Equal("gpt-test", record.Model);
        Assert.Equal(((40 * 1m) + (7 * 2m)) / 1_000_000m, record.Cost);
    }

    [Fact]
    public async Task A_stream_that_the_consumer_abandons_is_still_recorded()
    {
        var scripted = new ScriptedChatClient(ScriptedStep.Reply("one two three four"));
        var ledger = new UsageLedger();
        using var client = Wrap(scripted, ledger);

        await foreach (var update in client.GetStreamingResponseAsync("go"))
        {
            break;
        }

        var record = Assert.Single(ledger.Records);
        Assert.True(record.Succeeded);
        Assert.Equal(0, ledger.Totals.InFlight);
    }

    [Fact]
    public async Task A_cost_limit_without_a_price_for_the_model_is_refused_before_sending()
    {
        var scripted = new ScriptedChatClient("never") { ModelId = "mystery-model" };
        var ledger = new UsageLedger(new TokenBudget { MaxCost = 1m }, Prices);
        using var client = Wrap(scripted, ledger);

        var error = await Assert.ThrowsAsync<LlmConfigurationException>(() => client.GetResponseAsync("x"));

        Assert.Contains("mystery-model", error.Message);
        Assert.Equal(0, scripted.CallCount);
    }

    [Fact]
    public async Task One_ledger_can_account_for_several_clients_and_report_each_record()
    {
        var ledger = new UsageLedger(new TokenBudget { MaxCalls = 10 }, Prices);
        var seen = new List<UsageRecord>();
        ledger.Recorded += (_, record) => seen.Add(record);
        using var optimizer = Wrap(new ScriptedChatClient("proposal") { ModelId = "gpt-test" }, ledger, "optimizer");
        using var task = Wrap(new ScriptedChatClient("answer") { ModelId = "gpt-test-mini" }, ledger, "task");

        await task.GetResponseAsync("input");
        await optimizer.GetResponseAsync("feedback");

        Assert.Equal(["task", "optimizer"], seen.Select(r => r.Source));
        Assert.Equal([1L, 2L], ledger.Records.Select(r => r.Sequence));
        Assert.Equal(2, ledger.Totals.Calls);
    }

    [Fact]
    public void Calls_restored_from_a_previous_run_count_against_the_budget()
    {
        var ledger = new UsageLedger(new TokenBudget { MaxOutputTokens = 1000 });
        ledger.Add(new UsageRecord(99, "optimizer", "gpt-test", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), 5000, 1200, 0, null, "stop", false, null));

        Assert.Equal(1, ledger.Records.Single().Sequence);
        var error = Assert.Throws<BudgetExceededException>(ledger.ThrowIfExhausted);
        Assert.Contains("output tokens", error.Message);
    }
}
