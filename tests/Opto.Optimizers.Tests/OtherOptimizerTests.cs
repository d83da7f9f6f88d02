using Opto.Testing;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers.Tests;

public class OproTests
{
    [Fact]
    public async Task Proposes_a_better_value_from_the_trials_so_far()
    {
        var a = new ParameterNode<double>(1.0, "a", "The slope.", ParameterConstraints.Range(0, 10));
        var client = new FakeChatClient(
            """{"reasoning": "1 was too small", "suggestion": {"a": 4}}""",
            """{"reasoning": "4 was too big, 1 too small", "suggestion": {"a": 2.5}}""");
        // Feedback such as "score 0.2: too small"; the better trial is shown last.
        var options = new OproOptions { ScoreOf = fb => double.Parse(fb.Split(' ')[1].TrimEnd(':'), System.Globalization.CultureInfo.InvariantCulture) };
        var optimizer = new Opro([a], client, options);

        foreach (var feedback in new[] { "score 0.5: too small", "score 0.2: too big" })
        {
            optimizer.ZeroFeedback();
            using (TraceScope.Begin())
            {
                (a * 2.0).Backward(feedback);
            }

            await optimizer.StepAsync();
        }

        Assert.Equal(2.5, a.Value);
        Assert.Equal(2, optimizer.Trials.Count);
        Assert.Equal(2, optimizer.History.Count(s => s.Changed));
        TextSnapshot.Match(client.Requests[1].Messages[1].Text, "opro_second_step");
    }

    [Fact]
    public async Task Keeps_only_the_newest_trials()
    {
        var a = new ParameterNode<int>(1, "a");
        var client = new FakeChatClient("""{"suggestion": {"a": 2}}""", """{"suggestion": {"a": 3}}""", """{"suggestion": {"a": 4}}""");
        var optimizer = new Opro([a], client, new OproOptions { HistorySize = 2 });
        for (var i = 0; i < 3; i++)
        {
            optimizer.ZeroFeedback();
            using (TraceScope.Begin())
            {
                (a + 1).Backward($"attempt {i}");
            }

            await optimizer.StepAsync();
        }

        Assert.Equal([2, 3], optimizer.Trials.Select(t => t.Step));
        Assert.Equal(4, a.Value);
    }
}

public class TextGradTests
{
    [Fact]
    public async Task Critiques_first_then_applies_the_critique_in_a_second_call()
    {
        var (greeting, _) = Graphs.Text();
        var client = new FakeChatClient(
            "The greeting \"Hi\" is too casual for a bank; it should be formal, like \"Dear\".",
            """{"reasoning": "formal", "suggestion": {"greeting": "Dear"}}""");
        var optimizer = new TextGradOptimizer([greeting], client);

        var step = await optimizer.StepAsync();

        Assert.Equal("Dear", greeting.Value);
        Assert.Equal(["critique of greeting", "apply critique to greeting"], step.Exchanges.Select(e => e.Purpose));
        Assert.Null(client.Requests[0].Options?.ResponseFormat); // the critique is free text
        Assert.NotNull(client.Requests[1].Options?.ResponseFormat);
        Assert.Contains("#Critique\nThe greeting \"Hi\" is too casual", client.Requests[1].Messages[1].Text, StringComparison.Ordinal);
        TextSnapshot.Match(client.Requests[0].Messages[1].Text, "textgrad_critique");
        TextSnapshot.Match(client.Requests[1].Messages[1].Text, "textgrad_apply");
    }

    [Fact]
    public async Task Each_parameter_gets_its_own_critique_and_all_are_applied_together()
    {
        var (a, b) = Graphs.Numbers();
        double? aDuringSecondCritique = null;
        var client = new FakeChatClient()
            .Enqueue("a is too small.")
            .Enqueue("""{"suggestion": {"a": 3}}""")
            .Enqueue((_, _) =>
            {
                aDuringSecondCritique = a.Value;
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "b could be 1.5.")));
            })
            .Enqueue("""{"suggestion": {"b": 1.5}}""");
        var step = await new TextGradOptimizer([a, b], client).StepAsync();

        Assert.Equal("critique of b", step.Exchanges[2].Purpose);
        Assert.Contains("double b = 1", client.Requests[2].Messages[1].Text, StringComparison.Ordinal);
        Assert.Equal(2.0, aDuringSecondCritique); // critiques see the program as it ran
        Assert.Equal([("a", 3.0), ("b", 1.5)], step.Updates.Select(u => (u.Name, (double)u.NewValue!)));
    }
}

public class OptoPrimeMultiTests
{
    private const string ToThree = """{"reasoning": "3 fits", "suggestion": {"a": 3}}""";
    private const string ToFour = """{"reasoning": "4 fits", "suggestion": {"a": 4}}""";

    [Fact]
    public async Task Majority_vote_picks_the_values_most_candidates_agree_on()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient(ToFour, ToThree, """{"reasoning": "same", "suggestion": {"a": 3.0}}""");
        var step = await new OptoPrimeMulti([a], client).StepAsync();

        Assert.Equal(3.0, a.Value);
        Assert.Equal([0f, 0.5f, 1f], client.Requests.Select(r => r.Options!.Temperature!.Value));
        Assert.Contains("majority vote (2 proposed the same values)", Assert.Single(step.Notes), StringComparison.Ordinal);
        var overruled = Assert.Single(step.Rejections);
        Assert.Equal("4", overruled.ProposedText);
        Assert.Contains("candidate 1 was not selected", overruled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_valid_skips_unusable_candidates()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("""{"suggestion": {"a": 99}}""", ToFour, ToThree);
        var step = await new OptoPrimeMulti([a], client, new OptoPrimeMultiOptions { Selection = CandidateSelection.FirstValid }).StepAsync();
        Assert.Equal(4.0, a.Value);
        Assert.Contains("above the maximum", step.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_llm_judge_chooses_among_the_usable_candidates()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient(ToFour, "garbage", ToThree, """{"reasoning": "3 gives exactly 10", "choice": 2}""");
        var step = await new OptoPrimeMulti([a], client, new OptoPrimeMultiOptions { Selection = CandidateSelection.LlmJudge }).StepAsync();

        Assert.Equal(3.0, a.Value);
        Assert.Equal("judge", step.Exchanges[^1].Purpose);
        var judgePrompt = client.Requests[^1].Messages[1].Text;
        Assert.Contains("Candidate 1\nReasoning: 4 fits\ndouble a = 4", judgePrompt, StringComparison.Ordinal);
        Assert.Contains("Candidate 2\nReasoning: 3 fits\ndouble a = 3", judgePrompt, StringComparison.Ordinal);
        Assert.Contains("the judge chose it", step.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_candidate_is_usable_the_step_is_a_noop_with_each_reason()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("nothing", """{"suggestion": {"zzz": 1}}""");
        var step = await new OptoPrimeMulti([a], client, new OptoPrimeMultiOptions { CandidateCount = 2 }).StepAsync();
        Assert.Equal(2, client.Requests.Count);
        Assert.Contains("candidate 1:", step.NoOpReason, StringComparison.Ordinal);
        Assert.Contains("zzz", step.NoOpReason, StringComparison.Ordinal);
        Assert.Equal(2.0, a.Value);
    }

    [Fact]
    public async Task A_majority_for_no_change_is_a_terminated_noop()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("TERMINATE", """{"reasoning": "fine", "suggestion": {}}""", ToThree);
        var step = await new OptoPrimeMulti([a], client).StepAsync();
        Assert.True(step.Terminated);
        Assert.Equal(2.0, a.Value);
        Assert.Contains("2 of 3 candidates proposed no change", step.NoOpReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixed_temperature_mode_leaves_the_configured_temperature()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient(ToThree, ToThree);
        var options = new OptoPrimeMultiOptions { CandidateCount = 2, VaryTemperature = false, ChatOptions = new ChatOptions { Temperature = 0.3f } };
        await new OptoPrimeMulti([a], client, options).StepAsync();
        Assert.All(client.Requests, r => Assert.Equal(0.3f, r.Options!.Temperature));
    }
}
