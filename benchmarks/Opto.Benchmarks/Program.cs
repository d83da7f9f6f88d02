// Entry point: "micro" runs the BenchmarkDotNet suites, "scaling" runs the graph-size harness, "all" both;
// "trainer-parallel" times parallel evaluation against a delayed scripted LLM;
// "compile" times run-time compilation of changed [Trainable] method bodies (it starts "compile-first" children).
// Always run in Release: dotnet run -c Release --project benchmarks/Opto.Benchmarks -- scaling
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Opto.Benchmarks;

var mode = args.Length > 0 ? args[0] : "all";
var rest = args.Skip(1).ToArray();

if (mode is "micro" or "all")
{
    // In-process: no child project to restore and build, so a run fits a CI-sized machine.
    var config = DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkSwitcher.FromAssembly(typeof(TracedOperationBenchmarks).Assembly).Run(rest.Length > 0 ? rest : ["--filter", "*"], config);
}

if (mode is "scaling" or "all")
{
    ScalingHarness.Run(rest.Contains("--quick"));
}

if (mode is "compare")
{
    ScalingHarness.Compare(rest); // e.g. chain_ops:1000 chain_bundle:3000
}

if (mode is "trainer-parallel")
{
    await ParallelEvaluationHarness.RunAsync();
}

if (mode is "compile")
{
    return CompileHarness.Run();
}

if (mode is "compile-first")
{
    return CompileHarness.First();
}

if (mode is not ("micro" or "scaling" or "all" or "compare" or "trainer-parallel"))
{
    Console.Error.WriteLine("usage: Opto.Benchmarks [micro|scaling|all|compare shape:n ...|compile|trainer-parallel] [BenchmarkDotNet args | --quick]");
    return 2;
}

return 0;
