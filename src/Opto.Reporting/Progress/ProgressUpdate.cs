namespace Opto.Reporting.Progress;

/// <summary>
/// Where a training run stands, as a progress display shows it. Trainers map their own step events to it, so this
/// library needs nothing from the trainer.
/// </summary>
/// <param name="Step">The step that just completed (from 1), or 0 before the first.</param>
/// <param name="TotalSteps">How many steps the run will make at most, when known.</param>
/// <param name="Score">The step's training score, when it has one.</param>
/// <param name="ValidationScore">The validation score after the step, when there is one.</param>
/// <param name="Message">A short remark (what changed, why it stopped).</param>
public sealed record ProgressUpdate(int Step, int? TotalSteps = null, double? Score = null, double? ValidationScore = null, string? Message = null)
{
    /// <summary>The update as one line: <c>step 3/10 score 0.710 validation 0.650 — message</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var text = TotalSteps is { } total ? $"step {Step}/{total}" : $"step {Step}";
        if (Score.HasValue)
        {
            text += $" score {ReportFormat.Score(Score)}";
        }

        if (ValidationScore.HasValue)
        {
            text += $" validation {ReportFormat.Score(ValidationScore)}";
        }

        return string.IsNullOrWhiteSpace(Message) ? text : $"{text} - {ReportFormat.OneLine(Message)}";
    }
}
