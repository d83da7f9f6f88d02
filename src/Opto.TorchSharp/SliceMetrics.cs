namespace Opto.TorchSharp;

/// <summary>Validation accuracy on one slice of the examples: one class, or one skill.</summary>
/// <param name="Name">The class name or skill tag.</param>
/// <param name="Count">Validation examples in the slice.</param>
/// <param name="Correct">Of those, how many the student classified correctly.</param>
public sealed record SliceMetrics(string Name, int Count, int Correct)
{
    /// <summary>The share classified correctly (NaN for an empty slice).</summary>
    public double Accuracy => Count == 0 ? double.NaN : (double)Correct / Count;
}
