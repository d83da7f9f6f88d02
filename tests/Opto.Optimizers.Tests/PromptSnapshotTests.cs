using Opto.Testing;
using Opto.Trace;

namespace Opto.Optimizers.Tests;

public class PromptSnapshotTests
{
    private static OptoPrimePrompt PromptFor(IEnumerable<IParameterNode> parameters, OptoPrimeOptions? options = null) =>
        new OptoPrime(parameters, new FakeChatClient(), options).BuildPrompt()
        ?? throw new InvalidOperationException("The parameters hold no feedback.");

    [Fact]
    public void System_message_with_a_json_schema()
    {
        var (a, _) = Graphs.Numbers();
        TextSnapshot.Match(PromptFor([a]).SystemMessage, "system_schema");
    }

    [Fact]
    public void System_message_without_a_json_schema_offers_TERMINATE()
    {
        var (a, _) = Graphs.Numbers();
        TextSnapshot.Match(PromptFor([a], new OptoPrimeOptions { UseJsonSchema = false }).SystemMessage, "system_no_schema");
    }

    [Fact]
    public void Numbers()
    {
        var (a, b) = Graphs.Numbers();
        TextSnapshot.Match(PromptFor([a, b]).UserMessage, "numbers");
    }

    [Fact]
    public void Text_with_multi_line_values_and_quotes()
    {
        var (greeting, instructions) = Graphs.Text();
        TextSnapshot.Match(PromptFor([greeting, instructions]).UserMessage, "text");
    }

    [Fact]
    public void Code_parameter_shown_as_csharp_source()
    {
        var route = Graphs.Code();
        TextSnapshot.Match(PromptFor([route]).UserMessage, "code");
    }

    [Fact]
    public void Exception_shows_the_failed_operation()
    {
        var groups = Graphs.Exception();
        TextSnapshot.Match(PromptFor([groups]).UserMessage, "exception");
    }

    [Fact]
    public void Containers_built_with_Node_List()
    {
        var (tags, keyword) = Graphs.Containers();
        TextSnapshot.Match(PromptFor([tags, keyword]).UserMessage, "containers");
    }

    [Fact]
    public void Several_outputs_with_different_feedback_are_named()
    {
        var prefix = Graphs.SeveralOutputs();
        TextSnapshot.Match(PromptFor([prefix]).UserMessage, "several_outputs");
    }

    [Fact]
    public void Minibatch_of_two_scopes()
    {
        var scale = Graphs.Minibatch();
        TextSnapshot.Match(PromptFor([scale]).UserMessage, "minibatch");
    }

    [Fact]
    public void Long_values_are_cut_to_the_configured_length()
    {
        var p = new ParameterNode<string>(new string('x', 300), "long_text");
        using (TraceScope.Begin())
        {
            p.ToUpper().Backward("too long");
        }

        TextSnapshot.Match(PromptFor([p], new OptoPrimeOptions { MaxValueLength = 40 }).UserMessage, "truncated");
    }

    [Fact]
    public async Task Memory_shows_earlier_steps_variables_then_feedback()
    {
        var a = new ParameterNode<double>(1.0, "a");
        var client = new FakeChatClient("""{"reasoning": "grow", "suggestion": {"a": 2}}""", """{"reasoning": "grow more", "suggestion": {"a": 3}}""");
        var optimizer = new OptoPrime([a], client, new OptoPrimeOptions { MemorySize = 2 });
        foreach (var feedback in new[] { "too small", "still too small" })
        {
            optimizer.ZeroFeedback();
            using (TraceScope.Begin())
            {
                (a * 2.0).Backward(feedback);
            }

            await optimizer.StepAsync();
        }

        TextSnapshot.Match(client.Requests[1].Messages[1].Text, "memory");
    }
}
