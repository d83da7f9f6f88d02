using Microsoft.Extensions.AI;
using Opto.Optimizers;
using Opto.Trace;

namespace Opto.LLamaSharp.Tests;

/// <summary>
/// The whole optimizer loop through a real llama.cpp model. The model's weights are random, so its answers are
/// noise: the step must end as a recorded no-op with a reason, after exactly one re-ask, and never throw.
/// </summary>
[Collection(TinyModelGroup.Name)]
public class OptoPrimeWithLocalModelTests(TinyModelFixture model)
{
    [Fact]
    public async Task Gibberish_from_a_real_local_model_is_a_recorded_noop_after_one_reask()
    {
        var instructions = new ParameterNode<string>("Greet the customer.", "instructions", "What the assistant is told to do.");
        using (TraceScope.Begin())
        {
            var customer = Node.Input("Ada", "customer");
            var reply = instructions + " Customer: " + customer;
            reply.Backward("The greeting must use the customer's full name, Ada Lovelace.");
        }

        var optimizer = new OptoPrime([instructions], model.Client, new OptoPrimeOptions
        {
            ChatOptions = new ChatOptions { MaxOutputTokens = 24, Seed = 11 },
        });

        var step = await optimizer.StepAsync();

        Assert.Same(step, Assert.Single(optimizer.History));
        Assert.False(step.Changed);
        Assert.Equal("Greet the customer.", instructions.Value);
        Assert.Equal(0, instructions.Version);
        Assert.Equal(["propose", "propose (re-ask)"], step.Exchanges.Select(e => e.Purpose));
        Assert.NotNull(step.NoOpReason);
        Assert.Contains("after one re-ask", step.NoOpReason, StringComparison.Ordinal);

        // Both answers came from the model and were recorded as they were, with the model's token counts.
        Assert.All(step.Exchanges, e => Assert.NotNull(e.Usage));
        Assert.All(step.Exchanges, e => Assert.InRange(e.Usage!.OutputTokenCount!.Value, 0, 24));
        Assert.Contains("#Feedback", step.Prompt[^1].Text, StringComparison.Ordinal);
    }
}
