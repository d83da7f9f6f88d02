using Microsoft.Extensions.AI;
using Opto.Optimizers;
using Opto.Trace;

namespace Opto.Trainer;

/// <summary>Proposes through an LLM optimizer's <see cref="Optimizer.StepAsync"/>, from the feedback the parameters hold.</summary>
internal sealed class LlmProposer(Optimizer optimizer) : Proposer
{
    public override IReadOnlyList<IParameterNode> Parameters => optimizer.Parameters;

    public override string Name => optimizer.GetType().Name;

    public override string? Model { get; } = optimizer.ChatClient.GetService<ChatClientMetadata>()?.DefaultModelId;

    public override bool UsesFeedback => true;

    public override bool Exhausted => false;

    public override void ClearFeedback() => optimizer.ZeroFeedback();

    public override async Task<Proposal> ProposeAsync(CancellationToken cancellationToken)
    {
        // Read before the step: the change of each parameter is recorded with the feedback it answered.
        var feedback = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in optimizer.Parameters)
        {
            var records = parameter.Feedback;
            if (records.Count > 0)
            {
                feedback[parameter.Name] = string.Join("\n", records.Select(r => r.Text).Distinct(StringComparer.Ordinal));
            }
        }

        var step = await optimizer.StepAsync(cancellationToken).ConfigureAwait(false);
        return new Proposal(step, feedback, step.Reasoning);
    }

    public override void Report(double score)
    {
        // An LLM optimizer learns from feedback text, not from scores.
    }

    public override string? SaveState() => null;

    public override void LoadState(string state)
    {
    }
}
