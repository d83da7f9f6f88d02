namespace Opto.Trainer;

/// <summary>
/// One named check of a check-suite guide (<see cref="Guide.Checks{TInput, TOutput, TExpected}"/>): returns
/// <see langword="null"/> when it passes, or a message saying what failed.
/// </summary>
/// <typeparam name="TInput">The type of the inputs.</typeparam>
/// <typeparam name="TOutput">The type of the outputs.</typeparam>
/// <typeparam name="TExpected">The type of the expected answers.</typeparam>
/// <param name="Name">The check's name, shown in the feedback.</param>
/// <param name="Run">Runs the check: <see langword="null"/> when it passes, else the failure message.</param>
public sealed record GuideCheck<TInput, TOutput, TExpected>(string Name, Func<TInput, TOutput, TExpected, CancellationToken, ValueTask<string?>> Run)
{
    /// <summary>A check that passes when a predicate holds.</summary>
    /// <param name="name">The check's name.</param>
    /// <param name="predicate">The condition.</param>
    /// <param name="failureMessage">What to say when it fails; "the condition does not hold" when null.</param>
    /// <returns>The check.</returns>
    public static GuideCheck<TInput, TOutput, TExpected> That(string name, Func<TInput, TOutput, TExpected, bool> predicate, string? failureMessage = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(name, (i, o, e, _) => ValueTask.FromResult(predicate(i, o, e) ? null : failureMessage ?? "the condition does not hold"));
    }

    /// <summary>A check that passes unless an assertion throws (the exception's message is the failure), as in a unit test.</summary>
    /// <param name="name">The check's name.</param>
    /// <param name="assertion">The assertion.</param>
    /// <returns>The check.</returns>
    public static GuideCheck<TInput, TOutput, TExpected> Asserting(string name, Action<TInput, TOutput, TExpected> assertion)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return new(name, (i, o, e, _) =>
        {
            assertion(i, o, e);
            return ValueTask.FromResult<string?>(null);
        });
    }
}
