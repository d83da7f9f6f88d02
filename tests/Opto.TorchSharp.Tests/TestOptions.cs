using Opto.TorchSharp;

namespace Opto.TorchSharp.Tests;

internal static class TestOptions
{
    /// <summary>
    /// The CPU, one thread: libtorch's worker threads spin while they wait, which on a busy machine with few cores
    /// makes a run many times slower than on one thread. Results are the same either way within a thread count.
    /// </summary>
    public static StudentTrainingOptions Cpu { get; } = new() { ForceCpu = true, CpuThreads = 1 };
}
