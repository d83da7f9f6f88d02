using System.Text.Json;
using Opto.Runs;
using Opto.Testing;
using Opto.Trainer;

namespace Opto.Examples.Tests;

/// <summary>06-PromptOptimization: no model means no evaluation; with one, both the task model and OptoPrime are scripted.</summary>
public sealed class PromptOptimizationTests : IDisposable
{
    private const string NewFormat = "End your reply with one line of the form 'Answer: <number>'.";

    private readonly string _folder = Directory.CreateTempSubdirectory("opto-prompt-").FullName;

    private string StorePath => Path.Combine(_folder, "runs.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Without_a_model_it_says_so_and_evaluates_nothing()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.PromptOptimization",
            new Dictionary<string, string> { ["OPTO_RUNS_DB"] = StorePath });

        Assert.Equal(0, exitCode);
        Assert.Contains("needs a model to answer with it, and none is configured: nothing was evaluated", output);
        Assert.Contains("OPTO_LLM_PROVIDER", output);
        Assert.False(File.Exists(StorePath));
    }

    [Fact]
    public async Task With_a_provider_OptoPrime_rewrites_the_prompt_and_the_new_one_is_kept_for_its_validation_score()
    {
        // Four problems, solved one at a time so that the server's queued answers meet the requests in a known order:
        // 2 validation problems (score before), the search's step: 2 validation, 2 training, 1 optimizer call,
        // 2 validation with the new prompt; then 2 validation problems (score after).
        var problems = Dataset.FromJsonl<string, string>(Path.Combine(AppContext.BaseDirectory, "problems.jsonl"), "question", "answer", "id").Take(4);
        var validation = problems.Split(0.5, seed: 6).Second;
        await using var server = new LoopbackOpenAIServer();
        for (var i = 0; i < 6; i++)
        {
            server.EnqueueCompletion("I think it is 7.");        // the first prompt: no answer line the grader can read
        }

        server.EnqueueCompletion(JsonSerializer.Serialize(new
        {
            reasoning = "The grader cannot read the replies: ask for an explicit answer line.",
            suggestion = new Dictionary<string, string>
            {
                ["Instructions"] = "Solve the word problem step by step.",
                ["AnswerFormat"] = NewFormat,
            },
        }));
        for (var round = 0; round < 2; round++)
        {
            foreach (var example in validation)
            {
                server.EnqueueCompletion($"Working it out.\nAnswer: {example.Expected}");
            }
        }

        var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.PromptOptimization", ExampleProcess.ScriptedLlm(server, StorePath), "--limit", "4", "--steps", "1", "--proposals", "1", "--parallel", "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Validation problems solved: 0/2 before, 2/2 after.", output);
        Assert.Contains($"Answer format: {NewFormat}", output);

        var requests = server.Requests.ToArray();
        Assert.Equal(11, requests.Length);
        Assert.Contains("Keep your reply short.", requests[0].Body);               // the task model got the first prompt
        Assert.Contains("AnswerFormat", requests[6].Body);                          // the optimizer saw the parameter...
        Assert.Contains("The grader found no line", requests[6].Body);            // ...and the grader's feedback
        Assert.Contains("End your reply with one line of the form", requests[10].Body); // the task model got the new prompt

        using var store = RunStore.Open(StorePath, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal("search", run.Algorithm);
        Assert.Equal(1.0, run.BestScore);
        Assert.Equal(NewFormat, JsonSerializer.Deserialize<string>(store.GetLineage(run.Key, "AnswerFormat")[^1].ValueJson));
    }
}
