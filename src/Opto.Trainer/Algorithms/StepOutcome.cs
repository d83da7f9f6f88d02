using Opto.Optimizers;
using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>What an algorithm's step did, for the trainer to record, track and judge.</summary>
internal sealed class StepOutcome
{
    /// <summary>The mean training score of the step, when a training batch was evaluated.</summary>
    public double? Score { get; set; }

    /// <summary>The validation score of the parameters the step kept, when measured.</summary>
    public double? ValidationScore { get; set; }

    /// <summary>The examples evaluated.</summary>
    public List<ExampleScore> Examples { get; } = [];

    /// <summary>Every optimizer step taken (each proposal), for the LLM-call records.</summary>
    public List<OptimizerStep> OptimizerSteps { get; } = [];

    /// <summary>The proposal whose values the parameters now hold, when one does.</summary>
    public Proposal? Kept { get; set; }

    /// <summary>The values <see cref="TrackedScore"/> belongs to (for best-so-far).</summary>
    public required ParameterValues ScoredValues { get; set; }

    /// <summary>
    /// Whether the parameters now hold values no score has measured yet: an LLM step without a validation set is
    /// scored on the batch that produced its feedback, i.e. before its own proposal.
    /// </summary>
    public bool ProposalUnscored { get; set; }

    /// <summary>The score that decides the best parameters and early stopping (validation when there is one).</summary>
    public double TrackedScore { get; set; }

    /// <summary>A remark for the record.</summary>
    public string? Note { get; set; }

    /// <summary>Whether the optimizer said it has nothing more to propose.</summary>
    public bool OptimizerDone { get; set; }

    public void AddValidation(ScoredSet validation)
    {
        foreach (var example in validation.Examples)
        {
            Examples.Add(example with { ExampleId = "validation:" + example.ExampleId });
        }
    }
}
