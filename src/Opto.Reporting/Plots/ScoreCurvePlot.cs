using Opto.Runs;
using ScottPlot;

namespace Opto.Reporting.Plots;

/// <summary>Draws a run's score curve (training and validation score per step) as a PNG, without any system library.</summary>
public static class ScoreCurvePlot
{
    /// <summary>Saves the score curve of a run as a PNG.</summary>
    /// <param name="points">The points, as <see cref="RunStore.GetScoreCurve"/> returns them; steps without a score are skipped.</param>
    /// <param name="path">The PNG file to write; its folder is created when missing.</param>
    /// <param name="width">The image's width in pixels.</param>
    /// <param name="height">The image's height in pixels.</param>
    /// <param name="title">A title above the plot, if any.</param>
    /// <returns>The full path of the file written.</returns>
    /// <exception cref="ArgumentException">No point has a training or validation score.</exception>
    public static string SavePng(IReadOnlyList<ScorePoint> points, string path, int width = 800, int height = 450, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        var training = points.Where(p => p.Score.HasValue).ToList();
        var validation = points.Where(p => p.ValidationScore.HasValue).ToList();
        if (training.Count == 0 && validation.Count == 0)
        {
            throw new ArgumentException("There is nothing to plot: no step has a training or validation score.", nameof(points));
        }

        using var plot = new Plot();
        if (training.Count > 0)
        {
            var line = plot.Add.Scatter(training.Select(p => (double)p.Step).ToArray(), training.Select(p => p.Score!.Value).ToArray());
            line.LegendText = "training score";
        }

        if (validation.Count > 0)
        {
            var line = plot.Add.Scatter(validation.Select(p => (double)p.Step).ToArray(), validation.Select(p => p.ValidationScore!.Value).ToArray());
            line.LegendText = "validation score";
        }

        // Steps are whole numbers; ticks at 1.1, 1.2… would suggest points that do not exist.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.XLabel("step");
        plot.YLabel("score");
        if (title is not null)
        {
            plot.Title(title);
        }

        plot.ShowLegend(Alignment.LowerRight);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        plot.SavePng(full, width, height);
        return full;
    }
}
