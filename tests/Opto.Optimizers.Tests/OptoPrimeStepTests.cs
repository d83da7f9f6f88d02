using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers.Tests;

public class OptoPrimeStepTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_step_without_feedback_is_a_recorded_noop_that_asks_nothing(bool multi)
    {
        var a = new ParameterNode<double>(2.0, "a");
        var client = new FakeChatClient("""{"suggestion": {"a": 5}}""");
        OptoPrime optimizer = multi ? new OptoPrimeMulti([a], client) : new OptoPrime([a], client);

        var step = await optimizer.StepAsync();

        Assert.False(step.Changed);
        Assert.Contains("call Backward", step.NoOpReason);
        Assert.Empty(client.Requests);
        Assert.Equal(2.0, a.Value);
        Assert.Same(step, Assert.Single(optimizer.History));
    }

    [Fact]
    public async Task A_numeric_parameter_is_updated_and_the_history_records_it()
    {
        var (a, b) = Graphs.Numbers();
        var client = new FakeChatClient().Enqueue(
            """{"reasoning": "7 = 2*3+1; a = 3 gives 10.", "suggestion": {"a": 3}}""",
            new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20, TotalTokenCount = 120 });
        var optimizer = new OptoPrime(new ParameterCollection([a, b]), client);

        var step = await optimizer.StepAsync();

        Assert.Equal(3.0, a.Value);
        Assert.Equal(1.0, b.Value);
        Assert.Equal(1, a.Version);
        Assert.Same(step, Assert.Single(optimizer.History));
        Assert.Equal(1, step.Number);
        Assert.True(step.Changed);
        Assert.Null(step.NoOpReason);
        Assert.Equal(new ParameterUpdate("a", 2.0, 3.0), Assert.Single(step.Updates));
        Assert.Equal("7 = 2*3+1; a = 3 gives 10.", step.Reasoning);
        Assert.Equal(120, step.Usage?.TotalTokenCount);
        Assert.Equal(2, step.Prompt.Count);
        Assert.Equal(ChatRole.System, step.Prompt[0].Role);
        Assert.Contains("#Feedback\nThe result should be 10, but it is 7.", step.Prompt[1].Text, StringComparison.Ordinal);
        Assert.Single(step.Responses);
        Assert.Equal("step 1: a 2 -> 3", step.ToString());

        // Structured output: a JSON schema typed from the parameters.
        var format = Assert.IsType<ChatResponseFormatJson>(client.Requests[0].Options?.ResponseFormat);
        var schema = format.Schema!.Value;
        var properties = schema.GetProperty("properties").GetProperty("suggestion").GetProperty("properties");
        Assert.Equal("number", properties.GetProperty("a").GetProperty("type").GetString());
        Assert.Equal(10, properties.GetProperty("a").GetProperty("maximum").GetDouble());
    }

    [Fact]
    public async Task An_invalid_answer_gets_exactly_one_reask_then_a_noop_with_the_reason()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient(
            """{"reasoning": "r", "suggestion": {"alpha": 3}}""",
            """{"reasoning": "r", "suggestion": {"a": 30}}""");
        var optimizer = new OptoPrime([a], client);

        var step = await optimizer.StepAsync();

        Assert.Equal(2, client.Requests.Count);
        Assert.Equal(0, client.Remaining);
        Assert.Equal(2.0, a.Value);
        Assert.False(step.Changed);
        Assert.Contains("after one re-ask", step.NoOpReason, StringComparison.Ordinal);
        Assert.Contains("above the maximum 10", step.NoOpReason, StringComparison.Ordinal);

        // The re-ask continues the conversation and quotes the problem.
        var reask = client.Requests[1].Messages;
        Assert.Equal(4, reask.Count);
        Assert.Equal(ChatRole.Assistant, reask[2].Role);
        Assert.Contains("there is no variable named alpha; the variables are: a", reask[3].Text, StringComparison.Ordinal);

        // Both answers are kept, with their rejections.
        Assert.Equal(["propose", "propose (re-ask)"], step.Exchanges.Select(e => e.Purpose));
        Assert.Equal(["alpha", "a"], step.Rejections.Select(r => r.Name));
        Assert.Equal([0, 1], step.Rejections.Select(r => r.Exchange));
    }

    [Fact]
    public void PreviewPrompt_builds_the_problem_from_the_feedback_without_any_LLM()
    {
        var (a, b) = Graphs.Numbers();

        var prompt = OptoPrime.PreviewPrompt([a, b]);

        Assert.NotNull(prompt);
        Assert.Contains("#Feedback", prompt.UserMessage, StringComparison.Ordinal);
        Assert.Null(OptoPrime.PreviewPrompt([new ParameterNode<double>(1, "quiet")])); // no feedback, nothing to ask
    }

    [Fact]
    public async Task When_the_reask_is_unusable_the_valid_values_of_the_first_answer_are_still_applied()
    {
        var (a, b) = Graphs.Numbers();
        var client = new FakeChatClient(
            """{"reasoning": "r", "suggestion": {"a": 3, "beta": 1}}""",
            "Still prose.");
        var step = await new OptoPrime([a, b], client).StepAsync();

        Assert.Equal(2, client.Requests.Count);
        Assert.Equal(3.0, a.Value);
        var update = Assert.Single(step.Updates);
        Assert.Equal("a", update.Name);
        Assert.Null(step.NoOpReason);
        Assert.Contains(step.Rejections, r => r.Name == "beta");
    }

    [Fact]
    public async Task A_reask_that_fixes_the_answer_is_applied()
    {
        var groups = Graphs.Exception();
        var client = new FakeChatClient(
            """{"reasoning": "r", "suggestion": {"groups": 2.5}}""",
            """{"reasoning": "r", "suggestion": {"groups": 2}}""");
        var optimizer = new OptoPrime([groups], client);

        var step = await optimizer.StepAsync();

        Assert.Equal(2, groups.Value);
        Assert.Contains("not a whole number", client.LastUserText, StringComparison.Ordinal);
        Assert.Single(step.Rejections);
        Assert.Single(step.Updates);
    }

    [Fact]
    public async Task TERMINATE_is_a_recorded_noop_without_reask()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("TERMINATE");
        var step = await new OptoPrime([a], client, new OptoPrimeOptions { UseJsonSchema = false }).StepAsync();

        Assert.Single(client.Requests);
        Assert.Null(client.Requests[0].Options?.ResponseFormat);
        Assert.True(step.Terminated);
        Assert.Contains("TERMINATE", step.NoOpReason, StringComparison.Ordinal);
        Assert.Contains("reply with the single word TERMINATE", step.Prompt[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TERMINATE_in_the_reasoning_does_not_stop_the_update()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("""{"reasoning": "Not time to TERMINATE.", "suggestion": {"a": 3}}""");
        var step = await new OptoPrime([a], client).StepAsync();
        Assert.True(step.Changed);
        Assert.False(step.Terminated);
    }

    [Fact]
    public async Task An_empty_suggestion_is_a_noop_without_reask()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("""{"reasoning": "fine as is", "suggestion": {}}""");
        var step = await new OptoPrime([a], client).StepAsync();
        Assert.Single(client.Requests);
        Assert.True(step.Terminated);
        Assert.Contains("no change", step.NoOpReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_answer_applies_what_was_complete_and_records_the_rest()
    {
        var (a, b) = Graphs.Numbers();
        var client = new FakeChatClient("""{"reasoning": "both", "suggestion": {"a": 3, "b": 1.""");
        var step = await new OptoPrime([a, b], client).StepAsync();

        Assert.Single(client.Requests); // a cut-off value alone is not worth a re-ask
        Assert.Equal(3.0, a.Value);
        Assert.Equal(1.0, b.Value);
        var rejected = Assert.Single(step.Rejections);
        Assert.Equal("b", rejected.Name);
        Assert.Contains("cut off", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unparseable_answer_is_reasked_once()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("I think a should be larger.", "Still prose.");
        var step = await new OptoPrime([a], client).StepAsync();
        Assert.Equal(2, client.Requests.Count);
        Assert.Contains("holds no JSON object", client.LastUserText, StringComparison.Ordinal);
        Assert.Contains("after one re-ask", step.NoOpReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_asking_can_be_turned_off()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("no json here");
        var step = await new OptoPrime([a], client, new OptoPrimeOptions { ReaskOnProblems = false }).StepAsync();
        Assert.Single(client.Requests);
        Assert.Contains("no JSON object", step.NoOpReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_equal_to_the_current_one_is_not_an_update()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("""{"reasoning": "keep", "suggestion": {"a": 2.0}}""");
        var step = await new OptoPrime([a], client).StepAsync();
        Assert.Equal(0, a.Version);
        Assert.Equal(["a"], step.Unchanged);
        Assert.Contains("equals the current one", step.NoOpReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_feedback_the_step_is_a_noop_and_no_call_is_made()
    {
        var a = new ParameterNode<double>(1.0, "a");
        var client = new FakeChatClient();
        var step = await new OptoPrime([a], client).StepAsync();
        Assert.Empty(client.Requests);
        Assert.Contains("Backward", step.NoOpReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_are_converted_to_each_parameters_type()
    {
        var flag = new ParameterNode<bool>(true, "flag");
        var tags = new ParameterNode<List<string>>(["a"], "tags");
        var count = new ParameterNode<int>(1, "count");
        using (TraceScope.Begin())
        {
            var text = Node.Format("{0} {1} {2}", flag, tags, count);
            text.Backward("wrong");
        }

        var client = new FakeChatClient("""{"reasoning": "r", "suggestion": {"flag": "False", "tags": "['x', 'y']", "count": "3"}}""");
        var step = await new OptoPrime([flag, tags, count], client).StepAsync();

        Assert.Equal(3, step.Updates.Count);
        Assert.False(flag.Value);
        Assert.Equal(["x", "y"], tags.Value);
        Assert.Equal(3, count.Value);
    }

    [Fact]
    public async Task A_code_parameter_gets_new_source()
    {
        var route = Graphs.Code();
        var newCode = "public string Route(string ticket) =>\n    ticket.Contains(\"refund\") || ticket.Contains(\"money back\") ? \"billing\" : \"support\";";
        var client = new FakeChatClient(JsonSerializer.Serialize(new { reasoning = "cover money back", suggestion = new Dictionary<string, string> { ["Route"] = newCode } }));
        await new OptoPrime([route], client).StepAsync();
        Assert.Equal(newCode, route.Value);
    }

    [Fact]
    public async Task Suggestion_keys_follow_the_names_the_prompt_showed_even_when_they_collide()
    {
        // A parameter called like an operation's output: the output is renamed, the parameter keeps its key.
        var p = new ParameterNode<int>(1, "add_0");
        using (TraceScope.Begin())
        {
            (p + 1).Backward("should be 5");
        }

        var client = new FakeChatClient("""{"reasoning": "r", "suggestion": {"add_0": 4}}""");
        var optimizer = new OptoPrime([p], client);
        Assert.Contains("add_0__2 = add(x: add_0, y: int_0)", optimizer.BuildPrompt()!.UserMessage, StringComparison.Ordinal);
        await optimizer.StepAsync();
        Assert.Equal(4, p.Value);
    }

    [Fact]
    public async Task A_name_of_a_computed_node_is_refused_with_a_reason_that_says_so()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("""{"suggestion": {"add_0": 10}}""", """{"suggestion": {"a": 3}}""");
        var step = await new OptoPrime([a], client).StepAsync();
        Assert.Contains("computed by the program", step.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(3.0, a.Value);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_step_before_any_call()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient("""{"suggestion": {"a": 3}}""");
        var optimizer = new OptoPrime([a], client);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => optimizer.StepAsync(new CancellationToken(canceled: true)));
        Assert.Empty(client.Requests);
        Assert.Empty(optimizer.History);
    }

    [Fact]
    public async Task Cancellation_during_the_call_is_honoured_and_nothing_is_applied()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient().Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new ChatResponse();
        });
        var optimizer = new OptoPrime([a], client);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => optimizer.StepAsync(cts.Token));

        Assert.Equal(2.0, a.Value);
        var step = Assert.Single(optimizer.History);
        Assert.Equal("the step was cancelled", step.NoOpReason);
    }

    [Fact]
    public async Task A_failing_client_is_recorded_and_rethrown_with_earlier_answers_kept()
    {
        var (a, _) = Graphs.Numbers();
        var client = new FakeChatClient()
            .Enqueue("not json")
            .Enqueue((_, _) => throw new HttpRequestException("503 Service Unavailable"));
        var optimizer = new OptoPrime([a], client);

        await Assert.ThrowsAsync<HttpRequestException>(() => optimizer.StepAsync());

        var step = Assert.Single(optimizer.History);
        Assert.Equal("not json", Assert.Single(step.Responses));
        Assert.Contains("503", step.NoOpReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_step_cannot_start_while_one_runs()
    {
        var (a, _) = Graphs.Numbers();
        var gate = new TaskCompletionSource<ChatResponse>();
        var client = new FakeChatClient().Enqueue((_, _) => gate.Task);
        var optimizer = new OptoPrime([a], client);
        var first = optimizer.StepAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => optimizer.StepAsync());
        gate.SetResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"suggestion": {"a": 3}}""")));
        Assert.True((await first).Changed);
    }

    [Fact]
    public async Task A_minibatch_of_scopes_is_one_step()
    {
        var scale = Graphs.Minibatch();
        var client = new FakeChatClient("""{"reasoning": "both examples want 3x", "suggestion": {"scale": 3}}""");
        var step = await new OptoPrime([scale], client).StepAsync();
        Assert.Single(client.Requests);
        Assert.Contains("- multiply_0__2: expected 6, got 4", step.Prompt[1].Text, StringComparison.Ordinal);
        Assert.Equal(3.0, scale.Value);
    }

    [Fact]
    public void Bad_construction_is_refused_clearly()
    {
        var fixedOne = new ParameterNode<int>(1, "fixed", trainable: false);
        Assert.Contains("trainable", Assert.Throws<ArgumentException>(() => new OptoPrime([fixedOne], new FakeChatClient())).Message, StringComparison.Ordinal);
        var twin1 = new ParameterNode<int>(1, "twin");
        var twin2 = new ParameterNode<int>(2, "twin");
        Assert.Throws<ArgumentException>(() => new OptoPrime([twin1, twin2], new FakeChatClient()));
        Assert.Throws<ArgumentException>(() => new OptoPrime([twin1], new FakeChatClient(), new OptoPrimeOptions { MemorySize = -1 }));
        Assert.Throws<ArgumentNullException>(() => new OptoPrime([twin1], null!));
    }

    [Fact]
    public async Task ZeroFeedback_clears_what_the_next_step_sees()
    {
        var (a, _) = Graphs.Numbers();
        var optimizer = new OptoPrime([a], new FakeChatClient());
        optimizer.ZeroFeedback();
        Assert.Null(optimizer.BuildPrompt());
        Assert.False((await optimizer.StepAsync()).Changed);
    }
}
