// Fits a delivery price formula (fee + rate per km + rate per kg, DeliveryPricing.cs) to 24 recorded deliveries
// (deliveries.csv), and compares two optimizers from the same starting values:
//   - a search that needs no LLM, which reads only the scores (always runs);
//   - OptoPrime, which reads the traced formula and, per delivery, how far off the quote was (runs when an LLM
//     provider is configured: OPTO_LLM_PROVIDER, OPTO_LLM_MODEL, ...).
// Each is a run in the SQLite run store (.opto/runs.db, or OPTO_RUNS_DB).
//
//   dotnet run --project examples/04-NumericOptimization [-- --search-steps N] [-- --llm-steps N]
using System.Globalization;
using Opto.Examples.NumericOptimization;
using Opto.LLamaSharp;
using Opto.Optimizers;
using Opto.Optimizers.Baselines;
using Opto.Reporting;
using Opto.Runs;
using Opto.Trace;
using Opto.Trainer;

var searchSteps = IntArg(args, "--search-steps") ?? 200;
var llmSteps = IntArg(args, "--llm-steps") ?? 5;

var deliveries = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "deliveries.csv"),
    row => new Delivery(Number(row["km"]), Number(row["kg"])), row => Number(row["price"]), idColumn: "id");
var (training, validation) = deliveries.Split(0.6, seed: 4);

// Higher scores are better, so the score is minus the error in EUR; the feedback says which way the quote is off.
var guide = Guide.From<Delivery, double, double>((delivery, quote, price) => new GuideResult(-Math.Abs(quote - price),
    string.Create(CultureInfo.InvariantCulture,
        $"quoted {quote:0.00} EUR for {delivery.Km} km and {delivery.Kg} kg; the courier charged {price:0.00} EUR ({(quote > price ? "too high" : "too low")} by {Math.Abs(quote - price):0.00})")));

using var store = RunStore.Open(RunStoreLocation.Resolve(explicitPath: null, Directory.GetCurrentDirectory()));
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);

// The same poor starting point for both optimizers.
DeliveryPricing Start() => new() { BaseFee = 10.0, PerKm = 0.3, PerKg = 0.5 };
TrainerOptions Options(int steps, string key) => new()
{
    Algorithm = TrainingAlgorithm.Minibatch(),
    MaxSteps = steps,
    BatchSize = 4,
    Seed = 4,
    Journal = store.OpenJournal(),
    RunKey = key,
};

Console.WriteLine($"Runs are stored in {store.Path}");

// 1. The search: proposes new numbers, is told the validation score of each, keeps what works.
var searched = Start();
var search = SearchOptimizer.For(searched.Parameters(), new SearchOptions { Seed = 4 });
var searchTrainer = new Trainer<Delivery, double, double>(d => searched.Quote(Node.Input(d, "delivery")), guide, search,
    Options(searchSteps, $"numeric-search-{stamp}"));
var before = await searchTrainer.EvaluateAsync(deliveries);
var searchResult = await searchTrainer.TrainAsync(training, validation);
var afterSearch = await searchTrainer.EvaluateAsync(deliveries);
Console.WriteLine($"Starting point:  mean error {-before.MeanScore:0.00} EUR  ({Describe(Start())})");
Console.WriteLine($"Search (no LLM): mean error {-afterSearch.MeanScore:0.00} EUR  ({Describe(searched)}; {searchResult.LastStep} steps, run numeric-search-{stamp})");

// 2. OptoPrime, when an LLM is configured.
if (!LocalLlm.TryCreate(configuration: null, environment: null, out var llm, out var problem))
{
    Console.WriteLine("OptoPrime:       not run, no LLM is configured. To compare, set OPTO_LLM_PROVIDER and OPTO_LLM_MODEL " +
        "(e.g. openai and gpt-4o-mini with OPTO_LLM_API_KEY, or ollama and llama3.2) and run again.");
    if (problem != Opto.Llm.LlmClientFactory.NotConfiguredMessage)
    {
        Console.WriteLine(problem);
    }

    return 0;
}

using (llm)
{
    var prompted = Start();
    var optoPrime = new OptoPrime(prompted.Parameters(), llm, new OptoPrimeOptions { Objective = "Make the quotes match what the courier charged." });
    var llmTrainer = new Trainer<Delivery, double, double>(d => prompted.Quote(Node.Input(d, "delivery")), guide, optoPrime,
        Options(llmSteps, $"numeric-optoprime-{stamp}"));
    var llmResult = await llmTrainer.TrainAsync(training, validation);
    var afterLlm = await llmTrainer.EvaluateAsync(deliveries);
    Console.WriteLine($"OptoPrime:       mean error {-afterLlm.MeanScore:0.00} EUR  ({Describe(prompted)}; {llmResult.LastStep} steps, run numeric-optoprime-{stamp})");
}

return 0;

static string Describe(DeliveryPricing p) =>
    string.Create(CultureInfo.InvariantCulture, $"fee {p.BaseFee:0.00} + {p.PerKm:0.000}/km + {p.PerKg:0.000}/kg");

static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

static int? IntArg(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : null;
}
