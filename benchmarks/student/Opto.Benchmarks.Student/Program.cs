// Epoch times of StudentTraining.Train on the CPU, for comparison with the same loop in PyTorch
// (student_bench.py). Reads the dataset that student_bench.py wrote, so both sides train on the same numbers.
// Prints one line per epoch: "EPOCH dotnet <threads> <epoch> <seconds> <rss MB> <live tensors>".
using System.Diagnostics;
using System.Globalization;
using Opto.TorchSharp;

var options = Options.Parse(args);
var (training, validation) = BenchData.Read(options.DataPath);
var settings = new StudentSettings(LearningRate: 1e-3, Epochs: options.Epochs, BatchSize: options.BatchSize,
    HiddenWidth: options.Width, Depth: options.Depth, Optimizer: StudentOptimizers.Adam);
var last = TimeSpan.Zero;
var progress = new EpochPrinter(options.Threads, p =>
{
    var seconds = (p.Elapsed - last).TotalSeconds;
    last = p.Elapsed;
    return seconds;
});

var report = StudentTraining.Train(training, validation, settings,
    new StudentTrainingOptions { ForceCpu = true, CpuThreads = options.Threads, Seed = 0 }, progress);
Console.WriteLine($"# dotnet threads={options.Threads}: {report.Summary}");

internal sealed class EpochPrinter(int threads, Func<TrainingProgress, double> secondsOf) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        var seconds = secondsOf(value);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"EPOCH dotnet {threads} {value.Epoch} {seconds:F4} {self.WorkingSet64 / (1024.0 * 1024.0):F1} {value.LiveTensors} {value.TrainLoss:G9}"));
    }
}

internal sealed record Options(string DataPath, int Threads, int Epochs, int BatchSize, int Width, int Depth)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new(Get("--data", "student-data.bin"), Int("--threads", 1), Int("--epochs", 5), Int("--batch", 64), Int("--width", 128), Int("--depth", 2));
    }
}

internal static class BenchData
{
    /// <summary>Header of four int32 (train count, validation count, features, classes), then float32 rows and int64 labels.</summary>
    public static (StudentDataset Training, StudentDataset Validation) Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var trainCount = reader.ReadInt32();
        var validCount = reader.ReadInt32();
        var features = reader.ReadInt32();
        var classes = reader.ReadInt32();
        var names = Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        return (Part(reader, trainCount, features, names), Part(reader, validCount, features, names));
    }

    private static StudentDataset Part(BinaryReader reader, int count, int features, string[] names)
    {
        var x = new float[count * features];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = reader.ReadSingle();
        }

        var y = new int[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = (int)reader.ReadInt64();
        }

        return StudentDataset.FromFlat(x, features, y, names);
    }
}
