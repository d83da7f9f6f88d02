namespace Opto.Trace.Generators.Tests.Runtime;

/// <summary>Calls the code the generator wrote for <see cref="SupportAgent"/> and checks the trace it makes.</summary>
public sealed class GeneratedRuntimeTests
{
    [Fact]
    public void TracedOverload_RecordsOperationWithDocsSourceAndNamedInputs()
    {
        var agent = new SupportAgent { SystemPrompt = "Be kind.", Temperature = 0.5 };
        using var scope = TraceScope.Begin();

        var team = agent.Route(Node.Input("I want a refund", "ticket"));

        Assert.Equal("billing", team.Value);
        var message = Assert.IsType<MessageNode<string>>(team);
        Assert.Equal("Route", message.Operation.Name);
        Assert.Equal("Chooses the team that should handle a ticket.", message.Operation.Documentation);
        Assert.StartsWith("[Bundle]\npublic string Route(string ticket) =>", message.Operation.SourceText, StringComparison.Ordinal);
        Assert.EndsWith("SupportAgent.cs", message.Operation.FilePath, StringComparison.Ordinal);
        Assert.Equal(23, message.Operation.Line);
        var input = Assert.Single(message.Inputs);
        Assert.Equal("ticket", input.Name);
    }

    [Fact]
    public async Task AsyncOverload_TrainableReadsBecomeInputs_AndBackwardReachesThem()
    {
        var agent = new SupportAgent { SystemPrompt = "Be kind.", Temperature = 0.5 };
        using var scope = TraceScope.Begin();

        var reply = await agent.ReplyAsync(Node.Input("my order is late", "ticket"), CancellationToken.None);

        Assert.Equal("Be kind. [0.5] Re: my order is late. Best regards", reply.Value);
        var inputs = ((MessageNode<string>)reply).Inputs;
        Assert.Equal("ticket", inputs[0].Name);
        Assert.Contains(inputs, i => ReferenceEquals(i.Node, agent.SystemPromptNode));
        Assert.Contains(inputs, i => ReferenceEquals(i.Node, agent.TemperatureNode));
        Assert.Contains(inputs, i => ReferenceEquals(i.Node, agent.SignatureNode));

        reply.Backward("Too stiff; apologise for the delay.");

        Assert.Contains(agent.SystemPromptNode.Feedback, f => f.Text.Contains("apologise", StringComparison.Ordinal));
        Assert.NotEmpty(agent.TemperatureNode.Feedback);
        Assert.Empty(agent.Retriever.TopKNode.Feedback);
    }

    [Fact]
    public void PlainCalls_NeedNoScopeAndMakeNoNodes()
    {
        var agent = new SupportAgent { SystemPrompt = "Be kind.", Temperature = 0.5 };

        Assert.Equal("support", agent.Route("hello"));
        Assert.Null(TraceScope.Current);
    }

    [Fact]
    public void FailingBundle_ThrowsTraceExecutionExceptionWithExceptionNode()
    {
        using var scope = TraceScope.Begin();

        var error = Assert.Throws<TraceExecutionException>(() => SupportAgent.Explode(Node.Input(7, "code")));

        Assert.IsType<InvalidOperationException>(error.Node.Error);
        Assert.Equal("code", Assert.Single(error.Node.Inputs).Name);
    }

    [Fact]
    public void TrainableProperties_AreParameterNodesWithDescriptionAndConstraints()
    {
        var agent = new SupportAgent { SystemPrompt = "Be kind.", Temperature = 0.5 };

        Assert.Equal("SystemPrompt", agent.SystemPromptNode.Name);
        Assert.Equal("System prompt that sets the agent's tone and policy.", agent.SystemPromptNode.Description);
        Assert.Equal(200, agent.SystemPromptNode.Constraints.MaxLength);
        Assert.Equal("Sampling temperature.", agent.TemperatureNode.Description);
        Assert.Equal(1.5, agent.TemperatureNode.Constraints.Maximum);
        Assert.Equal("A short sign-off.", agent.SignatureNode.Constraints.Text);
        Assert.Equal("Best regards", agent.Signature);

        Assert.Throws<ArgumentException>(() => agent.Temperature = 3.0);
        agent.TemperatureNode.Value = 1.0;
        Assert.Equal(1.0, agent.Temperature);
    }

    [Fact]
    public void Parameters_ListOwnThenNestedWithPrefix_AndSaveLoadRoundTrips()
    {
        var agent = new SupportAgent { SystemPrompt = "Be kind.", Temperature = 0.5 };
        var parameters = agent.Parameters();

        Assert.Equal(["SystemPrompt", "Temperature", "Signature", "Urgency", "PreviewAsync", "Retriever.TopK", "Retriever.Score"], parameters.Select(p => p.Name));
        Assert.Same(agent.Retriever.TopKNode, parameters["Retriever.TopK"]);
        Assert.Same(agent.SystemPromptNode, parameters["SystemPrompt"]);

        var path = Path.Combine(Path.GetTempPath(), $"opto-generated-{Guid.NewGuid():N}.json");
        try
        {
            agent.SaveParameters(path);
            var copy = new SupportAgent { SystemPrompt = "Other.", Temperature = 0.1 };
            copy.Signature = "Cheers";
            copy.Retriever.TopK = 9;

            var result = copy.LoadParameters(path);

            Assert.Equal(7, result.Loaded.Count);
            Assert.Equal("Be kind.", copy.SystemPrompt);
            Assert.Equal(0.5, copy.Temperature);
            Assert.Equal("Best regards", copy.Signature);
            Assert.Equal(3, copy.Retriever.TopK);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
