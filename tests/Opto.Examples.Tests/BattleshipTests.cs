using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Opto.Runs;
using Opto.Testing;

namespace Opto.Examples.Tests;

/// <summary>Example 07: a Battleship policy tuned by a search offline, rewritten by a scripted LLM otherwise.</summary>
public sealed partial class BattleshipTests : IDisposable
{
    private const string Example = "Opto.Examples.Battleship";

    // A first proposal that hangs on its second shot: the sandbox must stop it and report it, not the run crash.
    private const string LoopingBody = """
        public int ChooseShot(string board, int huntStride, string huntOrder)
        {
            var i = 0;
            while (board[i] != '.')
            {
            }

            return i;
        }
        """;

    private const string BetterBody = """
        public int ChooseShot(string board, int huntStride, string huntOrder)
        {
            const int n = 8;
            bool Free(int r, int c) => r >= 0 && r < n && c >= 0 && c < n && board[(r * n) + c] == '.';
            bool Hit(int r, int c) => r >= 0 && r < n && c >= 0 && c < n && board[(r * n) + c] == 'x';

            // Follow a line of hits to either end.
            for (var i = 0; i < board.Length; i++)
            {
                if (board[i] != 'x') continue;
                int r = i / n, c = i % n;
                if (Hit(r, c + 1) || Hit(r, c - 1))
                {
                    var e = c; while (Hit(r, e + 1)) e++;
                    if (Free(r, e + 1)) return (r * n) + e + 1;
                    var s = c; while (Hit(r, s - 1)) s--;
                    if (Free(r, s - 1)) return (r * n) + s - 1;
                }

                if (Hit(r + 1, c) || Hit(r - 1, c))
                {
                    var e = r; while (Hit(e + 1, c)) e++;
                    if (Free(e + 1, c)) return ((e + 1) * n) + c;
                    var s = r; while (Hit(s - 1, c)) s--;
                    if (Free(s - 1, c)) return ((s - 1) * n) + c;
                }
            }

            // A lone hit: try its neighbours.
            for (var i = 0; i < board.Length; i++)
            {
                if (board[i] != 'x') continue;
                int r = i / n, c = i % n;
                if (Free(r, c + 1)) return i + 1;
                if (Free(r + 1, c)) return i + n;
                if (Free(r, c - 1)) return i - 1;
                if (Free(r - 1, c)) return i - n;
            }

            // Hunt on a checkerboard, nearest the center first. (line-following policy)
            var best = -1;
            var bestDistance = double.MaxValue;
            for (var i = 0; i < board.Length; i++)
            {
                if (board[i] != '.') continue;
                var d = Math.Abs((i / n) - 3.5) + Math.Abs((i % n) - 3.5) + (((i / n) + (i % n)) % 2 == 0 ? 0 : 100);
                if (d < bestDistance) { bestDistance = d; best = i; }
            }

            return best;
        }
        """;

    private readonly string _runs = Path.Combine(Path.GetTempPath(), $"opto-battleship-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { _runs, _runs + "-wal", _runs + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Offline_a_search_tunes_the_knobs_leaves_the_code_and_stores_the_run()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync(Example, new Dictionary<string, string> { ["OPTO_RUNS_DB"] = _runs }, "8");

        Assert.True(exitCode == 0, output);
        Assert.Contains("The search leaves ChooseShot as it is", output);
        Assert.Contains("The code of ChooseShot is unchanged.", output);
        Assert.Contains("No LLM provider is configured, so only the knobs were tuned", output);
        var (before, after) = HitRates(output);
        Assert.True(after > before, output);

        using var store = RunStore.Open(_runs, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        var steps = store.GetRun(run.Key).Steps;
        Assert.Equal(8, steps.Count);
        Assert.Contains(steps, s => s.Changes.Any(c => c.Name is "HuntStride" or "HuntOrder"));
        Assert.DoesNotContain(steps, s => s.Changes.Any(c => c.Name == "ChooseShot"));
    }

    [Fact]
    public async Task With_a_provider_a_hanging_body_becomes_feedback_and_the_next_body_plays_better()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueCompletion(Answer("Scan for the first free cell.", LoopingBody));
        server.EnqueueCompletion(Answer("Follow lines of hits and hunt on a checkerboard from the center.", BetterBody));

        var (exitCode, output) = await ExampleProcess.RunAsync(Example, ExampleProcess.ScriptedLlm(server, _runs), "2", "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("step 1: hit rate", output);
        Assert.Contains("after the proposal 0.0 %", output);          // the hanging body scored nothing...
        Assert.Contains("step 2: hit rate 0.0 %, after the proposal", output);
        Assert.Contains("1 game failed (CodeTimeoutException: stopped after 5 s", output);   // ...and its game failed, not the run
        Assert.Contains("(line-following policy)", output);            // the final code is the second proposal
        var (before, after) = HitRates(output);
        Assert.True(after > before, output);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Contains("HuntStride", requests[0].Body);
        Assert.Contains("sank the fleet in", requests[0].Body);
        Assert.Contains("CodeTimeoutException", requests[1].Body);    // the timeout, as feedback for the next proposal

        using var store = RunStore.Open(_runs, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(2, store.GetRun(run.Key).Steps.Count);
    }

    private static string Answer(string reasoning, string body) => JsonSerializer.Serialize(new
    {
        reasoning,
        suggestion = new Dictionary<string, object> { ["ChooseShot"] = body, ["HuntStride"] = 2, ["HuntOrder"] = "center-first" },
    });

    private static (double Before, double After) HitRates(string output)
    {
        var before = HitRate().Match(output[output.IndexOf("Before:", StringComparison.Ordinal)..]);
        var after = HitRate().Match(output[output.IndexOf("After:", StringComparison.Ordinal)..]);
        Assert.True(before.Success && after.Success, output);
        return (double.Parse(before.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(after.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"hit rate ([0-9.]+) %")]
    private static partial Regex HitRate();
}
