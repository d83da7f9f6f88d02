// Usage: Opto.Runs.CrashHost <store path> <steps> <pause ms> <hold at step>
// Runs (or resumes) the deterministic run in the store and prints one line per event, so that the test knows when
// to kill it: "begun N" after BeginAsync (N = the step it resumes after), "committing N" inside step N's open
// transaction, "holding N" when it stops inside that transaction for good (hold at step N; 0 = never), "step N"
// after step N committed, "done" at the end, "finished" when the run had already ended.
using System.Globalization;
using System.Text.Json;
using Opto.Runs;
using Opto.Runs.CrashHost;
using Opto.Trainer.Runs;

var path = args[0];
var steps = int.Parse(args[1], CultureInfo.InvariantCulture);
var pauseMs = int.Parse(args[2], CultureInfo.InvariantCulture);
var holdAt = int.Parse(args[3], CultureInfo.InvariantCulture);

using var store = RunStore.Open(path);
if (store.FindRun(DeterministicDriver.RunKey) is { Status: not RunStatus.Running })
{
    Console.WriteLine("finished");
    return 0;
}

var journal = store.OpenJournal(new RunJournalOptions
{
    BeforeCommit = async (step, cancellationToken) =>
    {
        Console.WriteLine($"committing {step}");
        if (step == holdAt)
        {
            Console.WriteLine($"holding {step}");
            await Task.Delay(TimeSpan.FromMinutes(2), cancellationToken);
        }

        // Widens the window in which a random kill lands between the step's rows and its commit.
        await Task.Delay(pauseMs, cancellationToken);
    },
});

var resume = await journal.BeginAsync(DeterministicDriver.Start());
var parameters = resume?.Parameters ?? DeterministicDriver.Start().Parameters;
// A run resumed before its first step gets "{}" as its state: it starts from the initial state, like a fresh run.
var state = resume is null || resume.LastCompletedStep == 0
    ? DeterministicDriver.InitialState()
    : JsonSerializer.Deserialize<DriverState>(resume.StateJson)!;
var first = (resume?.LastCompletedStep ?? 0) + 1;
Console.WriteLine($"begun {first - 1}");

for (var number = first; number <= steps; number++)
{
    var (record, next) = DeterministicDriver.Step(number, parameters, state);
    await journal.RecordStepAsync(record);
    Console.WriteLine($"step {number}");
    parameters = record.Parameters;
    state = next;
    await Task.Delay(pauseMs);
}

await journal.CompleteAsync(new RunEnd(RunStatus.Completed, state.Best, $"ran {steps} steps"));
Console.WriteLine("done");
return 0;
