using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Opto.TorchSharp;

/// <summary>
/// One training run on the calling thread. TorchSharp's dispose scopes are per thread, so the whole run stays on
/// one thread; each optimizer step and each evaluation chunk has its own scope, which keeps memory flat.
/// </summary>
internal static class TrainingLoop
{
    public static TrainingReport Run(StudentDataset training, StudentDataset validation, StudentSettings settings,
        StudentTrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        settings.ThrowIfInvalid();
        if (validation.FeatureCount != training.FeatureCount)
        {
            throw new ArgumentException(
                $"The validation examples have {validation.FeatureCount} features but the training examples {training.FeatureCount}.",
                nameof(validation));
        }

        if (options.EvaluationBatchSize < 1 || options.CpuThreads < 1)
        {
            throw new ArgumentException(
                $"The evaluation batch size and the CPU thread count must be at least 1; got {options.EvaluationBatchSize} and {options.CpuThreads}.",
                nameof(options));
        }

        var classNames = StudentDataset.MergeClassNames(training, validation);
        cancellationToken.ThrowIfCancellationRequested();
        if (options.CpuThreads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var clock = Stopwatch.StartNew();
        var device = StudentModel.PickDevice(options.ForceCpu);

        // Everything the run creates outside a step (data, weights, optimizer state) is freed when this scope ends,
        // also when the run is cancelled or fails.
        using var runScope = NewDisposeScope();
        using var model = StudentModel.Create(training.FeatureCount, classNames.Length, settings, options.Seed, device);
        using var optimizer = StudentModel.CreateOptimizer(model, settings);
        var (trainX, trainY) = ToTensors(training, device);
        var (validX, validY) = ToTensors(validation, device);

        // The shuffle has its own generator, so the order of batches depends on the seed alone.
        using var shuffle = new Generator((ulong)options.Seed, CPU);
        var trainLosses = new List<double>();
        var validLosses = new List<double>();
        var validAccuracies = new List<double>();
        long[] predictions = [];
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var trainLoss = RunEpoch(model, optimizer, trainX, trainY, settings.BatchSize, shuffle, device, cancellationToken);
            var last = epoch == settings.Epochs || !double.IsFinite(trainLoss);
            var (validLoss, validAccuracy, kept) = Evaluate(model, validX, validY, options.EvaluationBatchSize, keepPredictions: last);
            predictions = kept ?? predictions;
            trainLosses.Add(trainLoss);
            validLosses.Add(validLoss);
            validAccuracies.Add(validAccuracy);
            progress?.Report(new TrainingProgress(epoch, settings.Epochs, trainLoss, validLoss, validAccuracy, clock.Elapsed, Tensor.TotalCount));
            if (!double.IsFinite(trainLoss))
            {
                break; // a diverged run is reported, not continued
            }
        }

        return new TrainingReport
        {
            Settings = settings,
            TrainLosses = trainLosses,
            ValidationLosses = validLosses,
            ValidationAccuracies = validAccuracies,
            PerClass = Slices.PerClass(validation, classNames, predictions),
            PerSkill = Slices.PerSkill(validation, predictions),
            TrainingExamples = training.Count,
            ValidationExamples = validation.Count,
            MajorityClassAccuracy = Slices.MajorityShare(validation),
            WallTime = clock.Elapsed,
            Device = device.type == DeviceType.CUDA ? "cuda" : "cpu",
            Seed = options.Seed,
        };
    }

    /// <summary>One pass over the shuffled training data; returns the mean batch loss, or the first non-finite one.</summary>
    private static double RunEpoch(Sequential model, optim.Optimizer optimizer, Tensor x, Tensor y, int batchSize,
        Generator shuffle, Device device, CancellationToken cancellationToken)
    {
        var count = x.shape[0];
        using var epochScope = NewDisposeScope();
        var order = randperm(count, generator: shuffle).to(device);
        model.train();
        double sum = 0;
        for (long start = 0; start < count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            var size = Math.Min(batchSize, count - start);
            var rows = order.narrow(0, start, size);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x.index_select(0, rows)), y.index_select(0, rows));
            loss.backward();
            optimizer.step();
            double value = loss.item<float>();
            if (!double.IsFinite(value))
            {
                return value;
            }

            sum += value * size;
        }

        return sum / count;
    }

    /// <summary>Mean loss and accuracy on held-out data, and the predicted classes when asked for.</summary>
    private static (double Loss, double Accuracy, long[]? Predictions) Evaluate(Sequential model, Tensor x, Tensor y, int chunk, bool keepPredictions)
    {
        var count = x.shape[0];
        var keep = keepPredictions ? new long[count] : null;
        using var noGrad = no_grad();
        model.eval();
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < count; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            var size = Math.Min(chunk, count - start);
            var labels = y.narrow(0, start, size);
            var logits = model.forward(x.narrow(0, start, size));
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
            var predicted = logits.argmax(1);
            correct += predicted.eq(labels).sum().item<long>();
            if (keep is not null)
            {
                Array.Copy(predicted.cpu().data<long>().ToArray(), 0, keep, start, size);
            }
        }

        return (lossSum / count, (double)correct / count, keep);
    }

    private static (Tensor Features, Tensor Labels) ToTensors(StudentDataset data, Device device) =>
        (tensor(data.Features.ToArray(), [data.Count, data.FeatureCount], ScalarType.Float32).to(device),
            tensor(data.Labels.Select(l => (long)l).ToArray(), [data.Count], ScalarType.Int64).to(device));
}
