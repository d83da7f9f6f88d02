using Opto.Optimizers;
using Opto.Trainer.Runs;

namespace Opto.Trainer.Tests;

public class AlgorithmTests
{
    [Fact]
    public async Task Minibatch_with_an_LLM_optimizer_steps_from_each_batch_feedback_and_records_why()
    {
        var a = Problems.Factor(1);
        var client = Problems.StepwiseClient();
        var journal = new InMemoryRunJournal();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new OptoPrime([a], client),
            new TrainerOptions { MaxSteps = 2, BatchSize = 2, MaxDegreeOfParallelism = 1, Journal = journal, RunKey = "llm", RestoreBestAtEnd = false });

        var result = await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(3.0, a.Value); // 1 → 2 → 3
        Assert.Equal(2, client.CallCount);
        Assert.Contains("too small", client.Requests[0].LastUserText, StringComparison.Ordinal);

        var run = journal.Runs["llm"];
        Assert.Equal("minibatch", run.Start.Algorithm);
        Assert.Equal("OptoPrime", run.Start.Optimizer);
        Assert.Equal(RunStatus.Completed, run.End?.Status);
        var first = run.Steps[0];
        Assert.Equal(0.0, first.Score);
        Assert.Equal(2, first.Examples.Count);
        var change = Assert.Single(first.Changes);
        Assert.Equal(("a", "1", "2"), (change.Name, change.OldValueJson, change.NewValueJson));
        Assert.Contains("too small", change.Feedback, StringComparison.Ordinal);
        Assert.Equal("call 0: the output is too small", change.Reason);
        var call = Assert.Single(first.LlmCalls);
        Assert.Equal("propose", call.Purpose);
        Assert.Contains("\"role\":\"system\"", call.RequestJson, StringComparison.Ordinal);
        Assert.Contains("\"a\": 2", call.Response, StringComparison.Ordinal);
        Assert.Equal(new ParameterSnapshot("a", "double", "2", 1, false), Assert.Single(first.Parameters));
        Assert.Equal(2, run.Steps[1].Parameters[0].Version);
        Assert.Empty(a.Feedback); // the last batch's graphs are released when the run ends
    }

    [Fact]
    public async Task Without_validation_the_LLM_s_last_unscored_proposal_is_kept_not_undone_by_restoring_the_best()
    {
        var a = Problems.Factor(1);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new OptoPrime([a], Problems.StepwiseClient()),
            new TrainerOptions { MaxSteps = 1, BatchSize = 2, MaxDegreeOfParallelism = 1 });

        var result = await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal(2.0, a.Value); // the step's proposal stays
        Assert.Equal(1.0, result.BestValues["a"]); // the only scored values were the ones before it
    }

    [Fact]
    public async Task Minibatch_with_a_search_optimizer_proposes_scores_and_reports_then_keeps_the_best()
    {
        var a = Problems.Factor(1);
        var search = new GridSearch(a, 5, 3, 4);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), search,
            new TrainerOptions { MaxSteps = 5, BatchSize = 2 });

        var result = await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal(RunStatus.Stopped, result.Status); // the grid is used up after three proposals
        Assert.Contains("nothing more to propose", result.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Steps.Count);
        Assert.Equal(3, search.Reported.Count);
        Assert.Equal(0, search.Reported[1]);
        Assert.Equal(0, result.BestScore);
        Assert.Equal(3.0, result.BestValues["a"]);
        Assert.Equal(3.0, a.Value); // restored to the best at the end
        Assert.Equal("grid point 2", result.Steps[1].Changes[0].Reason);
    }

    [Fact]
    public async Task Search_keeps_the_best_of_several_proposals_on_validation()
    {
        var a = Problems.Factor(1);
        var client = new Opto.Testing.ScriptedChatClient(
            """{"reasoning": "try 5", "suggestion": {"a": 5}}""",
            """{"reasoning": "try 3", "suggestion": {"a": 3}}""",
            """{"reasoning": "try 2", "suggestion": {"a": 2}}""");
        var journal = new InMemoryRunJournal();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), new OptoPrime([a], client),
            new TrainerOptions { Algorithm = TrainingAlgorithm.Search(proposals: 3), MaxSteps = 1, BatchSize = 2, Journal = journal });

        var result = await trainer.TrainAsync(Problems.Data(4), Problems.Data(3, "validation"));

        Assert.Equal(3.0, a.Value);
        Assert.Equal(0, result.BestScore);
        var step = journal.Runs["run"].Steps[0];
        Assert.Equal(0, step.ValidationScore);
        Assert.Equal(3, step.LlmCalls.Count);
        Assert.Equal("try 3", Assert.Single(step.Changes).Reason);
        Assert.Contains(step.Examples, e => e.ExampleId == "validation:0");
        // All three proposals answered the same feedback.
        Assert.Equal(client.Requests[0].LastUserText, client.Requests[2].LastUserText);
    }

    [Fact]
    public async Task Search_with_a_search_optimizer_reports_validation_scores_and_keeps_the_incumbent_when_nothing_beats_it()
    {
        var a = Problems.Factor(3);
        var search = new GridSearch(a, 1, 2, 4, 5);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), search,
            new TrainerOptions { Algorithm = TrainingAlgorithm.Search(proposals: 2), MaxSteps = 2, StopWhenOptimizerDone = false });

        var result = await trainer.TrainAsync(Problems.Data(2), Problems.Data(2));

        Assert.Equal(4, search.Reported.Count);
        Assert.Equal(3.0, a.Value);
        Assert.All(result.Steps, s => Assert.Empty(s.Changes));
        Assert.Contains("no candidate beat", result.Steps[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beam_keeps_the_best_candidates_and_ends_on_the_best()
    {
        var a = Problems.Factor(0);
        var search = new GridSearch(a, 1, 6, 2, 5, 3, 4, 7, 8);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), search,
            new TrainerOptions { Algorithm = TrainingAlgorithm.Beam(width: 2, proposals: 2), MaxSteps = 2, StopWhenOptimizerDone = false });

        var result = await trainer.TrainAsync(Problems.Data(3), Problems.Data(2));

        // Step 1 expands one beam (2 proposals), step 2 expands two (4 proposals): 1, 6, 2, 5, 3, 4 are all tried.
        Assert.Equal(6, search.Reported.Count);
        Assert.Equal(3.0, a.Value);
        Assert.Equal(0, result.BestScore);
        Assert.Equal(-2, result.Steps[0].ValidationScore); // the score is −|a − 3|: after step 1 the best of {0, 1, 6} is 1
    }

    [Fact]
    public async Task Beam_expands_each_beam_from_its_own_batch_feedback_with_an_LLM_optimizer()
    {
        var a = Problems.Factor(1);
        var client = Problems.StepwiseClient();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), new OptoPrime([a], client),
            new TrainerOptions { Algorithm = TrainingAlgorithm.Beam(width: 2, proposals: 1), MaxSteps = 2, BatchSize = 2, MaxDegreeOfParallelism = 1 });

        var result = await trainer.TrainAsync(Problems.Data(4), Problems.Data(2));

        // Step 1: one beam (a = 1) → one proposal (2). Step 2: two beams → two proposals (3, 4).
        Assert.Equal(3, client.CallCount);
        Assert.Equal(3.0, a.Value);
        Assert.Equal(0, result.BestScore);
        Assert.Equal(4, result.Steps[1].Examples.Count(e => !e.ExampleId.StartsWith("validation:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Ucb_pulls_arms_adds_children_and_works_with_an_LLM_optimizer()
    {
        var a = Problems.Factor(1);
        var client = Problems.StepwiseClient();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), new OptoPrime([a], client),
            new TrainerOptions { Algorithm = TrainingAlgorithm.Ucb(bufferSize: 2, exploration: 0.5), MaxSteps = 3, BatchSize = 2, MaxDegreeOfParallelism = 1 });

        var result = await trainer.TrainAsync(Problems.Data(4), Problems.Data(2));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(3, client.CallCount);
        Assert.Equal(0, result.BestScore);
        Assert.Equal(3.0, a.Value);
    }

    [Fact]
    public async Task Ucb_works_with_a_search_optimizer_and_without_validation()
    {
        var a = Problems.Factor(1);
        var search = new GridSearch(a, 2, 3, 4);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), search,
            new TrainerOptions { Algorithm = TrainingAlgorithm.Ucb(), MaxSteps = 3, BatchSize = 2 });

        var result = await trainer.TrainAsync(Problems.Data(4));

        Assert.Equal(3, search.Reported.Count);
        Assert.Equal(3.0, result.BestValues["a"]);
        Assert.All(result.Steps, s => Assert.Null(s.ValidationScore));
    }

    [Fact]
    public async Task A_judge_calls_are_listed_with_the_step_that_made_them()
    {
        var a = Problems.Factor(1);
        var judge = new Opto.Testing.ScriptedChatClient
        {
            Responder = _ => Opto.Testing.ScriptedStep.Reply("Score: 0.5\nHalf right.",
                new Microsoft.Extensions.AI.UsageDetails { InputTokenCount = 30, OutputTokenCount = 5 }),
        };
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Guide.LlmJudge<double, double, double>(judge), new GridSearch(a, 2, 3),
            new TrainerOptions { MaxSteps = 2, BatchSize = 3, MaxDegreeOfParallelism = 2, StopWhenOptimizerDone = false });

        var result = await trainer.TrainAsync(Problems.Data(3));

        Assert.All(result.Steps, step =>
        {
            Assert.Equal(3, step.LlmCalls.Count);
            Assert.All(step.LlmCalls, call => Assert.Equal(("judge", 30L, 5L), (call.Purpose, call.InputTokens!.Value, call.OutputTokens!.Value)));
            Assert.All(step.Examples, e => Assert.Equal("Half right.", e.Feedback));
        });
        Assert.Equal(0.5, result.BestScore);
    }

    [Fact]
    public async Task Patience_stops_a_run_that_stopped_improving()
    {
        var a = Problems.Factor(3);
        var search = new GridSearch(a, 3, 1, 1, 1, 1, 1);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), search,
            new TrainerOptions { MaxSteps = 6, Patience = 2 });

        var result = await trainer.TrainAsync(Problems.Data(2));

        Assert.Equal(RunStatus.Stopped, result.Status);
        Assert.Equal(3, result.LastStep);
        Assert.Contains("no improvement in the last 2", result.Message, StringComparison.Ordinal);
        Assert.Equal(3.0, a.Value);
    }

    [Fact]
    public async Task An_LLM_that_proposes_no_change_stops_the_run_when_asked_to()
    {
        var a = Problems.Factor(3);
        var client = new Opto.Testing.ScriptedChatClient("""{"reasoning": "all good", "suggestion": {}}""");
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new OptoPrime([a], client),
            new TrainerOptions { MaxSteps = 5 });

        var result = await trainer.TrainAsync(Problems.Data(2));

        Assert.Equal(RunStatus.Stopped, result.Status);
        Assert.Equal(1, result.LastStep);
    }

    [Theory]
    [InlineData("search")]
    [InlineData("beam")]
    public async Task Algorithms_that_choose_on_validation_refuse_to_run_without_it(string name)
    {
        var a = Problems.Factor();
        TrainingAlgorithm algorithm = name == "search" ? TrainingAlgorithm.Search() : TrainingAlgorithm.Beam();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new GridSearch(a, 1), new TrainerOptions { Algorithm = algorithm });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(Problems.Data(2)));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("validation", error.Message, StringComparison.Ordinal);
    }
}
