namespace Opto.Trainer;

/// <summary>One example of a dataset: an input for the workflow and what the guide compares the output with.</summary>
/// <typeparam name="TInput">The type of the input.</typeparam>
/// <typeparam name="TExpected">The type of the expected answer (or any information the guide needs).</typeparam>
/// <param name="Id">A stable id, unique within its dataset (run records refer to examples by it).</param>
/// <param name="Input">The input.</param>
/// <param name="Expected">The expected answer.</param>
public sealed record Example<TInput, TExpected>(string Id, TInput Input, TExpected Expected);
