// Usage: Opto.Runs.CrashHost <store path> <minibatch|search> <steps> <pause ms> <hold>
// Trains (or resumes) a small real run in the store and prints one line per event, so that the test knows when to
// kill it: "begun N" once the journal opened the run (N = the step it resumes after), "committing N" inside step N's
// open transaction, "step N" after step N committed, "completing" before the run's end is written, "best …" with the
// trainer's best score and values, then "done". <hold> makes it stop for good and print "holding N" inside step N's
// transaction (a step number), or "holding end" just before the end is written ("end"); "0" never holds.
using System.Globalization;
using Opto.Runs;
using Opto.Runs.CrashHost;

var path = args[0];
var algorithm = args[1];
var steps = int.Parse(args[2], CultureInfo.InvariantCulture);
var pauseMs = int.Parse(args[3], CultureInfo.InvariantCulture);
var holdAtEnd = args[4] == "end";
var holdAtStep = holdAtEnd ? 0 : int.Parse(args[4], CultureInfo.InvariantCulture);

using var store = RunStore.Open(path);
var journal = new ReportingJournal(store.OpenJournal(new RunJournalOptions
{
    BeforeCommit = async (step, cancellationToken) =>
    {
        Console.WriteLine($"committing {step}");
        if (step == holdAtStep)
        {
            await HoldAsync($"holding {step}", cancellationToken);
        }

        // Widens the window in which a random kill lands between the step's rows and its commit.
        await Task.Delay(pauseMs, cancellationToken);
    },
}), holdAtEnd ? HoldAsync : null);

var result = await LineFit.TrainAsync(journal, algorithm, steps);
Console.WriteLine(LineFit.Describe(result));
Console.WriteLine("done");
return 0;

// Waits until the test kills the process; two minutes is only a bound in case the test itself died.
static async ValueTask HoldAsync(string line, CancellationToken cancellationToken)
{
    Console.WriteLine(line);
    await Task.Delay(TimeSpan.FromMinutes(2), cancellationToken);
}
