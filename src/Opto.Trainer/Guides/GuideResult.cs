namespace Opto.Trainer;

/// <summary>What a guide says about one output: a score (higher is better) and feedback for the optimizer.</summary>
/// <param name="Score">The score; higher is better. Most built-in guides give 0 to 1.</param>
/// <param name="Feedback">What was right or wrong, in words an optimizer can act on.</param>
public readonly record struct GuideResult(double Score, string Feedback);
