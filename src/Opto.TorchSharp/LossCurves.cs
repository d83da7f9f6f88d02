namespace Opto.TorchSharp;

/// <summary>Reads problems off loss curves.</summary>
internal static class LossCurves
{
    /// <summary>A relative rise of the validation loss smaller than this is noise, not overfitting.</summary>
    internal const double OverfitTolerance = 0.02;

    public static int? FirstNonFinite(IReadOnlyList<double> losses)
    {
        for (var i = 0; i < losses.Count; i++)
        {
            if (!double.IsFinite(losses[i]))
            {
                return i + 1;
            }
        }

        return null;
    }

    public static int? OverfitAfter(IReadOnlyList<double> validationLosses)
    {
        var best = BestIndex(validationLosses);
        if (best < 0 || validationLosses.Count - 1 - best < 2)
        {
            return null;
        }

        // Judged at the end of the run: a dip and recovery in between is not overfitting.
        var bestLoss = validationLosses[best];
        return validationLosses[^1] > bestLoss + (Math.Abs(bestLoss) * OverfitTolerance) ? best + 1 : null;
    }

    public static bool StillImproving(IReadOnlyList<double> validationLosses) =>
        validationLosses.Count >= 2 && BestIndex(validationLosses) == validationLosses.Count - 1;

    /// <summary>The index of the lowest finite loss (the first one on ties), or -1.</summary>
    public static int BestIndex(IReadOnlyList<double> losses)
    {
        var best = -1;
        for (var i = 0; i < losses.Count; i++)
        {
            if (double.IsFinite(losses[i]) && (best < 0 || losses[i] < losses[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
