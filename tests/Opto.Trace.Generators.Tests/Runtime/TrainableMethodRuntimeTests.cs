using Opto.Trace.Code;

namespace Opto.Trace.Generators.Tests.Runtime;

/// <summary>
/// Calls what the generator wrote for the [Trainable] methods of <see cref="SupportAgent"/>: the code parameter, the
/// traced overload, the plain <c>…Trained</c> call, hot swap, failures as feedback, and the model's parameters.
/// </summary>
public sealed class TrainableMethodRuntimeTests
{
    private const string DeclaredUrgency = """public int Urgency(string ticket) => ticket.Contains("now", StringComparison.Ordinal) ? 3 : 1;""";

    [Fact]
    public void CodeParameter_HoldsTheDeclaredSource_WithKeyDescriptionAndSignature()
    {
        var agent = new SupportAgent();
        var code = agent.UrgencyMethod.Code;

        Assert.Equal(DeclaredUrgency, code.Value);
        Assert.Equal("Urgency", code.Name);
        Assert.True(code.IsCode);
        Assert.True(code.Trainable);
        Assert.Equal("Scores how urgent a ticket is, from 0 (routine) to 3 (urgent).", code.Description);
        Assert.Contains("'int Urgency(string)'", code.Constraints.Text, StringComparison.Ordinal);
        Assert.EndsWith("Return 0 to 3.", code.Constraints.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainAndTrainedCalls_RunTheDeclaredBody_WhileTheSourceIsUnchanged()
    {
        var agent = new SupportAgent();

        Assert.Equal(3, agent.Urgency("fix it now"));
        Assert.Equal(3, agent.UrgencyTrained("fix it now"));
        Assert.Equal(1, agent.UrgencyTrained("whenever"));
    }

    [Fact]
    public void TracedCall_RecordsTheArgumentsAndTheCodeParameterAsInputs()
    {
        var agent = new SupportAgent();
        using var scope = TraceScope.Begin();

        var urgency = agent.Urgency(Node.Input("fix it now", "ticket"));

        Assert.Equal(3, urgency.Value);
        var message = Assert.IsType<MessageNode<int>>(urgency);
        Assert.Equal("Urgency", message.Operation.Name);
        Assert.Equal("Scores how urgent a ticket is, from 0 (routine) to 3 (urgent).", message.Operation.Documentation);
        Assert.Equal(["ticket", "Urgency"], message.Inputs.Select(i => i.Name));
        Assert.Same(agent.UrgencyMethod.Code, message.Inputs[1].Node);

        urgency.Backward("Tickets that mention a refund are urgent too.");
        Assert.Contains(agent.UrgencyMethod.Code.Feedback, f => f.Text.Contains("refund", StringComparison.Ordinal));
    }

    [Fact]
    public void NewBody_IsRunByTheNextTracedAndTrainedCall_WhileTheMethodItselfKeepsItsBody()
    {
        var agent = new SupportAgent();
        Assert.Equal(1, agent.UrgencyTrained("I want a refund"));

        agent.UrgencyMethod.Code.Value = """
            public int Urgency(string ticket) =>
                ticket.Contains("refund") ? 2 : ticket.Contains("now") ? 3 : 1;
            """;

        Assert.Equal(2, agent.UrgencyTrained("I want a refund"));
        Assert.Equal(1, agent.Urgency("I want a refund")); // the method as written in the source file
        using var scope = TraceScope.Begin();
        Assert.Equal(2, agent.Urgency(Node.Input("I want a refund")).Value);
    }

    [Fact]
    public void SettingTheDeclaredSourceAgain_ReturnsToTheCompiledBody()
    {
        var agent = new SupportAgent();
        agent.UrgencyMethod.Code.Value = "public int Urgency(string ticket) => 0;";
        Assert.Equal(0, agent.UrgencyTrained("now"));

        agent.UrgencyMethod.Code.Value = DeclaredUrgency;

        Assert.True(agent.UrgencyMethod.HasSource(DeclaredUrgency));
        Assert.Equal(3, agent.UrgencyTrained("now"));
    }

    [Fact]
    public void BrokenBody_IsATraceExecutionExceptionWhoseFeedbackQuotesTheLine()
    {
        var agent = new SupportAgent();
        agent.UrgencyMethod.Code.Value = """
            public int Urgency(string ticket)
            {
                return ticket.Lenght > 10 ? 3 : 1;
            }
            """;
        using var scope = TraceScope.Begin();

        var error = Assert.Throws<TraceExecutionException>(() => agent.Urgency(Node.Input("fix it now", "ticket")));

        Assert.IsType<CodeCompilationException>(error.Node.Error);
        Assert.Contains("return ticket.Lenght > 10 ? 3 : 1;   // <-- CS1061", error.Node.FeedbackText, StringComparison.Ordinal);
        Assert.Contains(error.Node.Inputs, i => ReferenceEquals(i.Node, agent.UrgencyMethod.Code));
        Assert.Throws<CodeCompilationException>(() => agent.UrgencyTrained("fix it now"));
    }

    [Fact]
    public async Task AsyncMethod_TracedAndTrainedCalls_RunTheCurrentCode()
    {
        var agent = new SupportAgent();
        Assert.Equal("a very long ...", await agent.PreviewTrainedAsync("a very long ticket"));

        using (TraceScope.Begin())
        {
            var preview = await agent.PreviewAsync(Node.Input("a very long ticket", "ticket"));
            Assert.Equal("a very long ...", preview.Value);
            Assert.Contains(((MessageNode<string>)preview).Inputs, i => ReferenceEquals(i.Node, agent.PreviewAsyncMethod.Code));
        }

        agent.PreviewAsyncMethod.Code.Value = """
            public async Task<string> PreviewAsync(string ticket)
            {
                await Task.Yield();
                return ticket.ToUpperInvariant();
            }
            """;

        Assert.Equal("SHORT", await agent.PreviewTrainedAsync("short"));
    }

    [Fact]
    public void SaveAndLoad_RoundTripTheSource_AndTheLoadedBodyRuns()
    {
        var trained = new SupportAgent { SystemPrompt = "Be kind.", Temperature = 0.5 };
        const string Rewritten = "public int Urgency(string ticket) => ticket.Length > 5 ? 3 : 0;";
        trained.UrgencyMethod.Code.Value = Rewritten;
        Assert.Contains(trained.Parameters(), p => p.Name == "Urgency" && p.IsCode && ReferenceEquals(p, trained.UrgencyMethod.Code));

        var path = Path.Combine(Path.GetTempPath(), $"opto-trainable-method-{Guid.NewGuid():N}.json");
        try
        {
            trained.SaveParameters(path);
            var fresh = new SupportAgent { SystemPrompt = "Other.", Temperature = 0.1 };
            Assert.Equal(1, fresh.UrgencyTrained("routine"));

            var result = fresh.LoadParameters(path);

            Assert.Contains("Urgency", result.Loaded);
            Assert.Equal(Rewritten, fresh.UrgencyMethod.Source);
            Assert.Equal(3, fresh.UrgencyTrained("routine"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TrainedCall_InsideABundle_MakesTheCodeAnInputOfThatOperation()
    {
        var agent = new SupportAgent();
        using var scope = TraceScope.Begin();

        var tagged = agent.Tag(Node.Input("fix it now", "ticket"));

        Assert.Equal("[3] fix it now", tagged.Value);
        Assert.Contains(((MessageNode<string>)tagged).Inputs, i => ReferenceEquals(i.Node, agent.UrgencyMethod.Code));
    }

    [Fact]
    public void NestedModel_KeysItsMethodWithThePrefix_AndKeepsTheCurrentSource()
    {
        var agent = new SupportAgent();
        const string Rewritten = "public double Score(string query, string document) => document.Length;";
        agent.Retriever.ScoreMethod.Code.Value = Rewritten; // before the first Parameters(): created under the key "Score"

        var parameters = agent.Parameters();

        var score = parameters["Retriever.Score"];
        Assert.Same(agent.Retriever.ScoreMethod.Code, score);
        Assert.Equal(Rewritten, score.BoxedValue);
        Assert.Equal(4.0, agent.Retriever.ScoreTrained("x", "abcd"));
    }
}
