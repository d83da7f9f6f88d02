using Microsoft.Extensions.AI;
using Opto.Testing;
using Opto.Trace;
using Opto.Trainer.Runs;

namespace Opto.Trainer.Tests;

public class StepRecordingTests
{
    [Fact]
    public async Task A_workflow_s_own_LLM_calls_are_listed_with_the_step_that_made_them()
    {
        var a = Problems.Factor(1);
        var model = new ScriptedChatClient { Responder = request => ScriptedStep.Reply("echo: " + request.LastUserText, new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3 }) };
        var agent = model.RecordedInTrainingSteps("agent");
        var journal = new InMemoryRunJournal();
        var trainer = new Trainer<double, double, double>(
            async (x, ct) =>
            {
                // The workflow asks its model something, then computes; only the call's record matters here.
                await agent.GetResponseAsync($"x = {x}", cancellationToken: ct);
                return a * Node.Input(x, "x");
            },
            Problems.ClosenessGuide(), new GridSearch(a, 2, 3),
            new TrainerOptions { MaxSteps = 2, BatchSize = 2, MaxDegreeOfParallelism = 1, Journal = journal, RunKey = "calls" });

        await trainer.TrainAsync(Problems.Data(4));

        var steps = journal.Runs["calls"].Steps;
        Assert.Equal(2, steps.Count);
        foreach (var step in steps)
        {
            var calls = step.LlmCalls.Where(c => c.Purpose == "agent").ToList();
            Assert.Equal(2, calls.Count); // one per example of the batch
            Assert.All(calls, c => Assert.StartsWith("echo: x = ", c.Response, StringComparison.Ordinal));
            Assert.All(calls, c => Assert.Equal((7L, 3L), (c.InputTokens!.Value, c.OutputTokens!.Value)));
            Assert.All(calls, c => Assert.Contains("\"role\":\"user\"", c.RequestJson, StringComparison.Ordinal));
            Assert.All(calls, c => Assert.NotNull(c.Latency));
        }
    }

    [Fact]
    public async Task Outside_a_training_step_the_wrapper_only_passes_calls_on()
    {
        var client = new ScriptedChatClient("fine").RecordedInTrainingSteps();

        var response = await client.GetResponseAsync("hello");

        Assert.Equal("fine", response.Text);
    }

    [Fact]
    public void An_empty_purpose_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ScriptedChatClient().RecordedInTrainingSteps(" "));
    }
}

public class StepProgressTests
{
    [Fact]
    public async Task OnStepFinished_hands_over_each_finished_step_in_order_and_nothing_else()
    {
        var a = Problems.Factor(1);
        var steps = new List<int>();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), new GridSearch(a, 2, 3, 4),
            new TrainerOptions { MaxSteps = 3, BatchSize = 2, Progress = TrainingProgress.OnStepFinished(step => steps.Add(step.Number)) });

        await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal([1, 2, 3], steps);
    }
}
