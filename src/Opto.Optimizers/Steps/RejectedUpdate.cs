namespace Opto.Optimizers;

/// <summary>A value the LLM proposed that was not applied, and why; kept so that no answer is dropped silently.</summary>
/// <param name="Name">The name the answer used (it may not be a parameter at all).</param>
/// <param name="ProposedText">The proposed value as the answer wrote it.</param>
/// <param name="Reason">Why it was not applied.</param>
/// <param name="Exchange">The index in <see cref="OptimizerStep.Exchanges"/> of the answer that proposed it, or -1.</param>
public sealed record RejectedUpdate(string Name, string ProposedText, string Reason, int Exchange = -1);
