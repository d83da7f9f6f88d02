using System.Globalization;

namespace Opto.Trainer;

/// <summary>Score 1 for a number within tolerance of the expected one, else 0 with the direction and size of the error.</summary>
internal sealed class NumericToleranceGuide<TInput> : Guide<TInput, double, double>
{
    private readonly double _absolute;
    private readonly double _relative;

    public NumericToleranceGuide(double absolute, double relative)
    {
        if (!(absolute >= 0) || double.IsInfinity(absolute))
        {
            throw new ArgumentOutOfRangeException(nameof(absolute), absolute, "The absolute tolerance must be a finite number of at least 0.");
        }

        if (!(relative >= 0) || double.IsInfinity(relative))
        {
            throw new ArgumentOutOfRangeException(nameof(relative), relative, "The relative tolerance must be a finite number of at least 0.");
        }

        _absolute = absolute;
        _relative = relative;
    }

    public override ValueTask<GuideResult> AssessAsync(TInput input, double output, double expected, CancellationToken cancellationToken = default)
    {
        var allowed = _absolute + _relative * Math.Abs(expected);
        var difference = output - expected;
        if (double.IsNaN(output))
        {
            return ValueTask.FromResult(new GuideResult(0, string.Create(CultureInfo.InvariantCulture, $"The output is not a number; expected {expected:R}.")));
        }

        if (Math.Abs(difference) <= allowed)
        {
            return ValueTask.FromResult(new GuideResult(1, string.Create(CultureInfo.InvariantCulture, $"Correct: {output:R} is within {allowed:R} of {expected:R}.")));
        }

        var direction = difference > 0 ? "too large" : "too small";
        return ValueTask.FromResult(new GuideResult(0, string.Create(CultureInfo.InvariantCulture,
            $"Incorrect: {output:R} is {direction} by {Math.Abs(difference):R}; expected {expected:R} (± {allowed:R}).")));
    }
}
