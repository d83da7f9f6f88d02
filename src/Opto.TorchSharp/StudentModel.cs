using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Opto.TorchSharp;

/// <summary>Builds the student network and its optimizer from the settings.</summary>
internal static class StudentModel
{
    // torch.random.manual_seed is process-wide: two runs initialising weights at once would interleave draws from
    // the one generator. Seeding and initialising under one lock keeps each run's weights a function of its seed.
    private static readonly Lock SeedGate = new();

    /// <summary>A ReLU MLP: <c>depth</c> hidden layers of <c>width</c> units, then one logit per class.</summary>
    /// <remarks>Weights are drawn on the CPU and then moved, so a seed gives the same start on every device.</remarks>
    public static Sequential Create(int inputs, int classes, StudentSettings settings, long seed, Device device)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        Sequential model;
        lock (SeedGate)
        {
            torch.random.manual_seed(seed);
            var width = inputs;
            for (var i = 0; i < settings.Depth; i++)
            {
                layers.Add(nn.Linear(width, settings.HiddenWidth));
                layers.Add(nn.ReLU());
                width = settings.HiddenWidth;
            }

            layers.Add(nn.Linear(width, classes));
            model = nn.Sequential([.. layers]);
        }

        return model.to(device);
    }

    /// <summary>The optimizer named in the settings; Adam's betas are PyTorch's defaults (0.9, 0.999).</summary>
    public static optim.Optimizer CreateOptimizer(Sequential model, StudentSettings settings) => settings.Optimizer switch
    {
        StudentOptimizers.Adam => optim.Adam(model.parameters(), settings.LearningRate, 0.9, 0.999, 1e-8, settings.WeightDecay),
        StudentOptimizers.AdamW => optim.AdamW(model.parameters(), settings.LearningRate, 0.9, 0.999, 1e-8, settings.WeightDecay),
        StudentOptimizers.Sgd => optim.SGD(model.parameters(), settings.LearningRate, 0, 0, settings.WeightDecay),
        _ => throw new ArgumentException($"Unknown optimizer '{settings.Optimizer}'; use one of {string.Join(", ", StudentOptimizers.All)}."),
    };

    /// <summary>CUDA when present and not refused, otherwise the CPU.</summary>
    public static Device PickDevice(bool forceCpu) => !forceCpu && cuda.is_available() ? CUDA : CPU;
}
