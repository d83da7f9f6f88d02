namespace Opto.Optimizers;

/// <summary>One trial <see cref="Opro"/> remembers: the values at a step and the feedback they earned.</summary>
/// <param name="Step">The step at which the values were tried.</param>
/// <param name="Values">The variables as declarations, one per line.</param>
/// <param name="Feedback">The feedback they earned.</param>
/// <param name="Score">The score read from the feedback, when <see cref="OproOptions.ScoreOf"/> is set and found one.</param>
public sealed record OproTrial(int Step, string Values, string Feedback, double? Score);
