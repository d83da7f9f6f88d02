using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Opto.Llm;
using Opto.Optimizers;
using Opto.Testing;
using Opto.Trace;
using Opto.Trainer.Runs;

namespace Opto.Trainer.Tests;

public class BudgetAndCancellationTests
{
    [Fact]
    public async Task The_time_budget_is_checked_before_each_step_on_the_given_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var a = Problems.Factor(1);
        var journal = new InMemoryRunJournal();
        var trainer = new Trainer<double, double, double>(
            x =>
            {
                clock.Advance(TimeSpan.FromMinutes(1)); // each example "takes" a minute
                return a * Node.Input(x);
            },
            Problems.ClosenessGuide(), new GridSearch(a, 2, 3, 4, 5, 6, 7),
            new TrainerOptions
            {
                MaxSteps = 6, BatchSize = 2, MaxDegreeOfParallelism = 1, TimeProvider = clock, Journal = journal,
                Budget = new TrainingBudget { MaxDuration = TimeSpan.FromMinutes(5) },
            });

        var result = await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal(RunStatus.BudgetExhausted, result.Status);
        Assert.Equal(3, result.LastStep); // 2, 4, 6 minutes: the fourth step would start past the limit
        Assert.Contains("the limit is", result.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.BudgetExhausted, journal.Runs["run"].End?.Status);
        Assert.Equal(TimeSpan.FromMinutes(2), journal.Runs["run"].Steps[0].Duration);
        Assert.Equal(clock.Start.AddMinutes(2), journal.Runs["run"].Steps[0].CompletedAt);
    }

    [Fact]
    public async Task The_token_budget_stops_the_run_before_the_next_step()
    {
        var a = Problems.Factor(1);
        var ledger = new UsageLedger();
        var client = new ScriptedChatClient
        {
            Responder = request => ScriptedStep.Reply(
                "{\"suggestion\": {\"a\": " + (2 + request.Index) + "}}",
                new UsageDetails { InputTokenCount = 400, OutputTokenCount = 100, TotalTokenCount = 500 }),
        };
        var optimizer = new OptoPrime([a], new TokenBudgetChatClient(client, ledger, "optimizer"));
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), optimizer,
            new TrainerOptions { MaxSteps = 10, Budget = new TrainingBudget { Ledger = ledger, MaxTokens = 1200 } });

        var result = await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal(RunStatus.BudgetExhausted, result.Status);
        Assert.Equal(3, result.LastStep); // 500, 1000, 1500 tokens
        Assert.Contains("1,500 LLM tokens used, the limit is 1,200", result.Message, StringComparison.Ordinal);
        Assert.Equal(400, result.Steps[0].LlmCalls[0].InputTokens);
        Assert.Equal(100, result.Steps[0].LlmCalls[0].OutputTokens);
    }

    [Fact]
    public async Task A_call_refused_by_the_ledger_ends_the_run_without_recording_the_broken_step()
    {
        var a = Problems.Factor(1);
        var ledger = new UsageLedger(new TokenBudget { MaxCalls = 3 });
        var task = new TokenBudgetChatClient(new ScriptedChatClient { Responder = _ => ScriptedStep.Reply("ok") }, ledger, "task");
        var journal = new InMemoryRunJournal();
        var trainer = new Trainer<double, double, double>(
            async (x, ct) =>
            {
                await task.GetResponseAsync("compute", cancellationToken: ct); // the workflow's own LLM call
                return a * Node.Input(x);
            },
            Problems.ClosenessGuide(), new GridSearch(a, 2, 3, 4),
            new TrainerOptions { MaxSteps = 3, BatchSize = 2, MaxDegreeOfParallelism = 1, Journal = journal, Budget = new TrainingBudget { Ledger = ledger } });

        var result = await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal(RunStatus.BudgetExhausted, result.Status);
        Assert.Contains("LLM budget used up", result.Message, StringComparison.Ordinal);
        Assert.Single(journal.Runs["run"].Steps);
        Assert.Equal(2.0, a.Value); // the values of the last recorded step (the best), not the interrupted candidate
    }

    [Fact]
    public async Task Cancelling_mid_step_drops_the_step_writes_cancelled_and_returns_the_best_so_far()
    {
        var a = Problems.Factor(1);
        var journal = new InMemoryRunJournal();
        using var cts = new CancellationTokenSource();
        var evaluated = 0;
        var trainer = new Trainer<double, double, double>(
            x =>
            {
                if (++evaluated == 5)
                {
                    cts.Cancel(); // in the middle of step 3's batch
                }

                return a * Node.Input(x);
            },
            Problems.ClosenessGuide(), new GridSearch(a, 3, 2, 4, 5),
            new TrainerOptions { MaxSteps = 4, BatchSize = 2, MaxDegreeOfParallelism = 1, Journal = journal });

        var result = await trainer.TrainAsync(Problems.Data(4), cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(2, result.LastStep);
        Assert.Equal(RunStatus.Cancelled, journal.Runs["run"].End?.Status);
        Assert.Equal(2, journal.Runs["run"].Steps.Count);
        Assert.Equal(3.0, a.Value);
        Assert.Equal(3.0, result.BestValues["a"]);
    }

    [Fact]
    public async Task Cancelling_parallel_evaluation_also_ends_as_cancelled()
    {
        var a = Problems.Factor(1);
        using var cts = new CancellationTokenSource();
        var trainer = new Trainer<double, double, double>(
            async (x, ct) =>
            {
                if (x == 3)
                {
                    await cts.CancelAsync();
                }

                await Task.Delay(Timeout.Infinite, ct); // would hang forever without cancellation
                return a * Node.Input(x);
            },
            Problems.ClosenessGuide(), new GridSearch(a, 2), new TrainerOptions { BatchSize = 4, MaxDegreeOfParallelism = 4, Shuffle = false });

        var result = await trainer.TrainAsync(Problems.Data(4), cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(0, result.LastStep);
        Assert.Null(result.BestScore);
        Assert.Equal(1.0, a.Value);
    }

    [Fact]
    public async Task An_optimizer_failure_fails_the_run_records_it_and_rethrows()
    {
        var a = Problems.Factor(1);
        var client = new ScriptedChatClient(ScriptedStep.Throw(new HttpRequestException("service unavailable")));
        var journal = new InMemoryRunJournal();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new OptoPrime([a], client),
            new TrainerOptions { Journal = journal });

        await Assert.ThrowsAsync<HttpRequestException>(() => trainer.TrainAsync(Problems.Data(2)));

        Assert.Equal(RunStatus.Failed, journal.Runs["run"].End?.Status);
        Assert.Contains("service unavailable", journal.Runs["run"].End?.Message, StringComparison.Ordinal);
    }
}
