using Opto.Optimizers;

namespace Opto.Trainer;

/// <summary>One candidate an optimizer proposed: the step that set it and the feedback each parameter's change answered.</summary>
/// <param name="Step">The optimizer's record of the step.</param>
/// <param name="FeedbackByParameter">The feedback each parameter held when the optimizer read it (LLM optimizers only).</param>
/// <param name="Reason">The optimizer's reasoning, or the rule of the search.</param>
internal sealed record Proposal(OptimizerStep Step, IReadOnlyDictionary<string, string> FeedbackByParameter, string? Reason);
