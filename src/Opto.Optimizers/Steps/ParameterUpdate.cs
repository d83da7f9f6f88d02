namespace Opto.Optimizers;

/// <summary>A value an optimizer step applied to a parameter.</summary>
/// <param name="Name">The parameter's key.</param>
/// <param name="OldValue">The value before the step.</param>
/// <param name="NewValue">The value the step set.</param>
public sealed record ParameterUpdate(string Name, object? OldValue, object? NewValue);
