using System.Globalization;
using System.Text;

namespace Opto.TorchSharp;

/// <summary>Renders a <see cref="TrainingReport"/> as one compact paragraph for a language model.</summary>
internal static class TrainingReportText
{
    /// <summary>Slices listed before the rest are only counted, so a 100-class report stays short.</summary>
    internal const int MaxSlicesShown = 6;

    public static string Render(TrainingReport report)
    {
        var sb = new StringBuilder();
        var losses = report.TrainLosses;
        if (losses.Count == 0)
        {
            return "no epoch was run.";
        }

        if (report.DivergedAtEpoch is { } diverged)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"training diverged at epoch {diverged}: the loss went {Loss(losses[0])}→{Loss(losses[diverged - 1])} and training stopped ");
            sb.Append(CultureInfo.InvariantCulture,
                $"(learning rate {report.Settings.LearningRate:G3} is likely too high for {report.Settings.Optimizer})");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"loss {Loss(losses[0])}→{Loss(losses[^1])} in {Epochs(losses.Count)}");
        }

        sb.Append(CultureInfo.InvariantCulture,
            $"; validation loss {Loss(report.ValidationLoss)}, accuracy {Accuracy(report.ValidationAccuracy)} on {report.ValidationExamples} examples");
        sb.Append(CultureInfo.InvariantCulture, $" (majority class {Accuracy(report.MajorityClassAccuracy)})");

        if (!report.Diverged)
        {
            if (report.PerSkill.Count > 0)
            {
                AppendSlices(sb, "per skill", report.PerSkill);
            }
            else if (report.PerClass.Count > 1)
            {
                AppendSlices(sb, "per class", report.PerClass);
            }

            if (report.OverfitAfterEpoch is { } overfit)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"; overfits after epoch {overfit} (validation loss {Loss(report.ValidationLosses[overfit - 1])} there, {Loss(report.ValidationLoss)} at epoch {report.EpochsRun})");
            }
            else if (report.StillImproving)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; validation loss still falling at epoch {report.EpochsRun}");
            }
        }

        return sb.Append('.').ToString();
    }

    private static void AppendSlices(StringBuilder sb, string label, IReadOnlyList<SliceMetrics> slices)
    {
        var ordered = slices.Where(s => s.Count > 0)
            .OrderBy(s => s.Accuracy)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        if (ordered.Count == 0)
        {
            return;
        }

        sb.Append("; ").Append(label).Append(ordered.Count > 1 ? ", weakest first: " : ": ");
        sb.AppendJoin(", ", ordered.Take(MaxSlicesShown).Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"'{s.Name}' {Accuracy(s.Accuracy)} (n={s.Count})")));
        if (ordered.Count > MaxSlicesShown)
        {
            sb.Append(CultureInfo.InvariantCulture, $", and {ordered.Count - MaxSlicesShown} more");
        }
    }

    private static string Epochs(int count) => count == 1 ? "1 epoch" : string.Create(CultureInfo.InvariantCulture, $"{count} epochs");

    private static string Loss(double value) => double.IsFinite(value) ? value.ToString("G3", CultureInfo.InvariantCulture) : Special(value);

    private static string Accuracy(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : Special(value);

    private static string Special(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
}
