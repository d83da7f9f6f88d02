namespace Opto.TorchSharp;

/// <summary>How a training run executes: seed, device and threads. None of these are hyper-parameters to tune.</summary>
public sealed record StudentTrainingOptions
{
    /// <summary>The defaults: seed 0, CUDA when available, the process's thread setting.</summary>
    public static StudentTrainingOptions Default { get; } = new();

    /// <summary>
    /// Seeds the weight initialisation (through <c>torch.random.manual_seed</c>, which also reseeds the process-wide
    /// generator, as in a PyTorch script) and the run's own shuffling generator. On the CPU, the same seed, data and
    /// settings give the same losses.
    /// </summary>
    public long Seed { get; init; }

    /// <summary>Train on the CPU even when CUDA is available.</summary>
    public bool ForceCpu { get; init; }

    /// <summary>
    /// When set, calls <c>torch.set_num_threads</c> before training. This is a process-wide setting and stays in
    /// effect afterwards; leave it <see langword="null"/> to keep the current one.
    /// </summary>
    public int? CpuThreads { get; init; }

    /// <summary>Examples per forward pass when evaluating on validation data (memory, not results, depends on it).</summary>
    public int EvaluationBatchSize { get; init; } = 4096;
}
