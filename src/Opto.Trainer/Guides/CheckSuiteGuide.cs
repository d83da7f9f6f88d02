using System.Globalization;
using System.Text;

namespace Opto.Trainer;

/// <summary>Runs named checks; the score is the share that passed, the feedback names each failure.</summary>
internal sealed class CheckSuiteGuide<TInput, TOutput, TExpected> : Guide<TInput, TOutput, TExpected>
{
    private readonly GuideCheck<TInput, TOutput, TExpected>[] _checks;

    public CheckSuiteGuide(IEnumerable<GuideCheck<TInput, TOutput, TExpected>> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        _checks = [.. checks];
        if (_checks.Length == 0)
        {
            throw new ArgumentException("A check-suite guide needs at least one check.", nameof(checks));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in _checks)
        {
            ArgumentNullException.ThrowIfNull(check, nameof(checks));
            ArgumentException.ThrowIfNullOrWhiteSpace(check.Name, nameof(checks));
            if (!names.Add(check.Name))
            {
                throw new ArgumentException($"Two checks are named '{check.Name}'; names must be unique so the feedback can tell them apart.", nameof(checks));
            }
        }
    }

    public override async ValueTask<GuideResult> AssessAsync(TInput input, TOutput output, TExpected expected, CancellationToken cancellationToken = default)
    {
        var failures = new List<(string Name, string Message)>();
        foreach (var check in _checks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? failure;
            try
            {
                failure = await check.Run(input, output, expected, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // a failing check is the point: any exception it throws is its failure message
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = $"{ex.GetType().Name}: {ex.Message}";
            }

            if (failure is not null)
            {
                failures.Add((check.Name, failure));
            }
        }

        var passed = _checks.Length - failures.Count;
        if (failures.Count == 0)
        {
            return new GuideResult(1, string.Create(CultureInfo.InvariantCulture, $"All {_checks.Length} checks passed."));
        }

        var feedback = new StringBuilder();
        feedback.Append(CultureInfo.InvariantCulture, $"{failures.Count} of {_checks.Length} checks failed:");
        foreach (var (name, message) in failures)
        {
            feedback.Append(CultureInfo.InvariantCulture, $"\n- {name}: {message}");
        }

        return new GuideResult((double)passed / _checks.Length, feedback.ToString());
    }
}
