using Opto.Trainer.Runs;

namespace Opto.Runs.Journal;

/// <summary>Refuses records that could not be stored faithfully, before anything is written.</summary>
internal static class RunRecordChecks
{
    public static void RequireUniqueNames(IReadOnlyList<ParameterSnapshot> parameters, string what)
    {
        ArgumentNullException.ThrowIfNull(parameters, what);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (!seen.Add(parameter.Name))
            {
                throw new ArgumentException($"{what} lists parameter '{parameter.Name}' twice.", what);
            }
        }
    }

    public static void RequireValidStep(StepRecord record)
    {
        if (record.Number < 1)
        {
            throw new ArgumentException($"Step numbers start at 1; got {record.Number}.", nameof(record));
        }

        RequireUniqueNames(record.Parameters, "StepRecord.Parameters");
        var names = record.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in record.Changes)
        {
            if (!names.Contains(change.Name))
            {
                throw new ArgumentException(
                    $"Step {record.Number} reports a change of parameter '{change.Name}', which is not among the step's parameters.", nameof(record));
            }

            if (!changed.Add(change.Name))
            {
                throw new ArgumentException($"Step {record.Number} reports two changes of parameter '{change.Name}'.", nameof(record));
            }
        }
    }
}
