// The memory tests count TorchSharp's live tensors, a process-wide number: runs from other tests in parallel would
// move it. Training tests are CPU-bound anyway, and the machine has few cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
