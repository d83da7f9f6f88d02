namespace Opto.Trainer;

/// <summary>A guide that calls a delegate.</summary>
internal sealed class DelegateGuide<TInput, TOutput, TExpected>(Func<TInput, TOutput, TExpected, CancellationToken, ValueTask<GuideResult>> assess)
    : Guide<TInput, TOutput, TExpected>
{
    public override ValueTask<GuideResult> AssessAsync(TInput input, TOutput output, TExpected expected, CancellationToken cancellationToken = default) =>
        assess(input, output, expected, cancellationToken);
}
