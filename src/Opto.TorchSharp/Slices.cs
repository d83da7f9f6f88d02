namespace Opto.TorchSharp;

/// <summary>Per-class and per-skill accuracy from the final predictions on the validation data.</summary>
internal static class Slices
{
    public static IReadOnlyList<SliceMetrics> PerClass(StudentDataset validation, string[] classNames, long[] predictions)
    {
        var counts = new int[classNames.Length];
        var correct = new int[classNames.Length];
        for (var i = 0; i < validation.Count; i++)
        {
            var label = validation.Labels[i];
            counts[label]++;
            if (i < predictions.Length && predictions[i] == label)
            {
                correct[label]++;
            }
        }

        return [.. classNames.Select((name, c) => new SliceMetrics(name, counts[c], correct[c]))];
    }

    public static IReadOnlyList<SliceMetrics> PerSkill(StudentDataset validation, long[] predictions)
    {
        if (validation.Skills is not { } skills)
        {
            return [];
        }

        var tally = new SortedDictionary<string, (int Count, int Correct)>(StringComparer.Ordinal);
        for (var i = 0; i < validation.Count; i++)
        {
            var (count, right) = tally.GetValueOrDefault(skills[i]);
            var hit = i < predictions.Length && predictions[i] == validation.Labels[i];
            tally[skills[i]] = (count + 1, right + (hit ? 1 : 0));
        }

        return [.. tally.Select(t => new SliceMetrics(t.Key, t.Value.Count, t.Value.Correct))];
    }

    public static double MajorityShare(StudentDataset data) =>
        (double)data.Labels.GroupBy(l => l).Max(g => g.Count()) / data.Count;
}
