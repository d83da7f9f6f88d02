using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Testing;

namespace Opto.Llm.Tests.Testing;

public sealed class CassetteTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opto-cassettes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, "nested", name);

    private static List<ChatMessage> Prompt(string question) =>
    [
        new(ChatRole.System, "You are an optimizer.\nAnswer in JSON."),
        new(ChatRole.User, question),
    ];

    private static readonly ChatOptions JsonOptions = new() { Temperature = 0.2f, ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 256 };

    [Fact]
    public async Task Recorded_calls_replay_from_the_file_without_the_live_client()
    {
        var path = PathOf("round-trip.json");
        var live = new ScriptedChatClient(
            ScriptedStep.Reply("""{"x": 1}""", new UsageDetails { InputTokenCount = 30, OutputTokenCount = 6, TotalTokenCount = 36 }),
            ScriptedStep.Reply("""{"x": 2}"""));
        using (var recorder = CassetteChatClient.Record(path, live))
        {
            Assert.Equal("""{"x": 1}""", (await recorder.GetResponseAsync(Prompt("Improve x."), JsonOptions)).Text);
            Assert.Equal("""{"x": 2}""", (await recorder.GetResponseAsync(Prompt("Improve x again."), JsonOptions)).Text);
            Assert.Equal(2, recorder.RecordedCount);
        }

        using var replay = CassetteChatClient.Replay(path);
        var first = await replay.GetResponseAsync(Prompt("Improve x."), JsonOptions);
        var second = await replay.GetResponseAsync(Prompt("Improve x again."), JsonOptions);

        Assert.Equal("""{"x": 1}""", first.Text);
        Assert.Equal("""{"x": 2}""", second.Text);
        Assert.Equal(30, first.Usage?.InputTokenCount);
        Assert.Equal(6, first.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, first.FinishReason);
        Assert.Equal("scripted-model", first.ModelId);
        Assert.Equal(2, replay.ReplayedCount);
        Assert.Equal(2, live.CallCount);
    }

    [Fact]
    public async Task The_cassette_is_readable_json()
    {
        var path = PathOf("readable.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("line one\nline two")))
        {
            await recorder.GetResponseAsync(Prompt("Say \"hi\" <twice> — café"), JsonOptions);
        }

        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("\n  \"interactions\": [", text);
        Assert.Contains("Say \"hi\" <twice> — café", text.Replace("\\\"", "\"", StringComparison.Ordinal));
        Assert.DoesNotContain("\\u", text);
        Assert.DoesNotContain("\r", text);

        using var json = JsonDocument.Parse(text);
        var interaction = json.RootElement.GetProperty("interactions")[0];
        var request = interaction.GetProperty("request");
        Assert.Equal(64, interaction.GetProperty("key").GetString()!.Length);
        Assert.Equal(0.2, request.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal("json", request.GetProperty("responseFormat").GetString());
        Assert.Equal(256, request.GetProperty("maxOutputTokens").GetInt32());
        var system = request.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        Assert.Equal(["You are an optimizer.", "Answer in JSON."], system.GetProperty("text").EnumerateArray().Select(l => l.GetString()));
        var response = interaction.GetProperty("response");
        Assert.Equal("stop", response.GetProperty("finishReason").GetString());
        Assert.Equal(["line one", "line two"], response.GetProperty("messages")[0].GetProperty("text").EnumerateArray().Select(l => l.GetString()));
        Assert.True(response.GetProperty("usage").GetProperty("inputTokens").GetInt64() > 0);
    }

    [Fact]
    public async Task An_unrecorded_request_fails_with_a_diff_against_the_closest_recording()
    {
        var path = PathOf("strict.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("a", "b")))
        {
            await recorder.GetResponseAsync(Prompt("Improve the prompt for task A."), JsonOptions);
            await recorder.GetResponseAsync([new(ChatRole.User, "Something else entirely.")]);
        }

        using var replay = CassetteChatClient.Replay(path);
        var error = await Assert.ThrowsAsync<CassetteMismatchException>(
            () => replay.GetResponseAsync(Prompt("Improve the prompt for task B."), new ChatOptions
            {
                Temperature = 0.7f, ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 256,
            }));

        Assert.Contains("no recorded answer", error.Message);
        Assert.Contains("interaction #1 of 2", error.Message);
        Assert.Contains("- temperature: 0.2", error.Message);
        Assert.Contains("+ temperature: 0.7", error.Message);
        Assert.Contains("- Improve the prompt for task A.", error.Message);
        Assert.Contains("+ Improve the prompt for task B.", error.Message);
        Assert.Contains("  [system]", error.Message);
        Assert.Contains("OPTO_CASSETTE_MODE=record", error.Message);
        Assert.Equal(path, error.CassettePath);
        Assert.NotNull(error.Diff);
    }

    [Fact]
    public async Task An_empty_cassette_shows_the_whole_request()
    {
        var path = PathOf("empty.json");
        await File.WriteAllTextAsync(path.Replace("nested/", string.Empty, StringComparison.Ordinal), """{ "version": 1, "interactions": [] }""");

        using var replay = CassetteChatClient.Replay(path.Replace("nested/", string.Empty, StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => replay.GetResponseAsync("what now?"));

        Assert.Contains("The cassette is empty", error.Message);
        Assert.Contains("+ what now?", error.Message);
    }

    [Fact]
    public async Task Non_strict_mode_records_new_requests_and_appends_them()
    {
        var path = PathOf("append.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("old")))
        {
            await recorder.GetResponseAsync("known");
        }

        var live = new ScriptedChatClient("new");
        using (var mixed = CassetteChatClient.ReplayOrRecord(path, live))
        {
            Assert.Equal("old", (await mixed.GetResponseAsync("known")).Text);
            Assert.Equal("new", (await mixed.GetResponseAsync("unknown")).Text);
            Assert.Equal((1, 1), (mixed.ReplayedCount, mixed.RecordedCount));
        }

        Assert.Equal(1, live.CallCount);
        using var replay = CassetteChatClient.Replay(path);
        Assert.Equal(2, replay.Interactions.Count);
        Assert.Equal("new", (await replay.GetResponseAsync("unknown")).Text);
    }

    [Fact]
    public async Task Repeated_requests_replay_in_recorded_order_then_repeat_the_last()
    {
        var path = PathOf("repeats.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("sample 1", "sample 2")))
        {
            await recorder.GetResponseAsync("same");
            await recorder.GetResponseAsync("same");
        }

        using var lenient = CassetteChatClient.Replay(path);
        Assert.Equal(["sample 1", "sample 2", "sample 2"], [
            (await lenient.GetResponseAsync("same")).Text,
            (await lenient.GetResponseAsync("same")).Text,
            (await lenient.GetResponseAsync("same")).Text,
        ]);

        using var strict = new CassetteChatClient(path, CassetteMode.Replay) { AllowRepeats = false };
        await strict.GetResponseAsync("same");
        await strict.GetResponseAsync("same");
        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => strict.GetResponseAsync("same"));
        Assert.Contains("recorded this request 2 time(s)", error.Message);
    }

    [Fact]
    public async Task Options_that_change_the_answer_change_the_key()
    {
        var path = PathOf("options.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("cold", "hot", "salted")))
        {
            await recorder.GetResponseAsync("q", new ChatOptions { Temperature = 0 });
            await recorder.GetResponseAsync("q", new ChatOptions { Temperature = 1 });
            await recorder.GetResponseAsync("q", new ChatOptions { Temperature = 1, AdditionalProperties = new() { ["rollout"] = 2 } });
        }

        using var replay = CassetteChatClient.Replay(path);

        Assert.Equal(3, replay.Interactions.Select(i => i.Key).Distinct().Count());
        Assert.Equal("hot", (await replay.GetResponseAsync("q", new ChatOptions { Temperature = 1 })).Text);
        Assert.Equal("salted", (await replay.GetResponseAsync("q", new ChatOptions { Temperature = 1, AdditionalProperties = new() { ["rollout"] = 2 } })).Text);
    }

    [Fact]
    public async Task A_request_edited_by_hand_in_the_file_still_matches()
    {
        var path = PathOf("edited.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("answer")))
        {
            await recorder.GetResponseAsync("original question");
        }

        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("original question", "edited question", StringComparison.Ordinal));

        using var replay = CassetteChatClient.Replay(path);
        Assert.Equal("answer", (await replay.GetResponseAsync("edited question")).Text);
    }

    [Fact]
    public async Task Streaming_calls_are_recorded_and_replayed()
    {
        var path = PathOf("stream.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("streamed words here")))
        {
            Assert.Equal("streamed words here", (await recorder.GetStreamingResponseAsync("s").ToChatResponseAsync()).Text);
        }

        using var replay = CassetteChatClient.Replay(path);
        var updates = await replay.GetStreamingResponseAsync("s").ToListAsync();

        Assert.Equal("streamed words here", updates.ToChatResponse().Text);
        Assert.Equal("streamed words here", (await replay.GetResponseAsync("s")).Text);
    }

    [Fact]
    public async Task Replayed_answers_flow_through_the_budget_middleware()
    {
        var path = PathOf("budget.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient(ScriptedStep.Reply("x", new UsageDetails { InputTokenCount = 100, OutputTokenCount = 50 }))))
        {
            await recorder.GetResponseAsync("q");
        }

        var ledger = new UsageLedger(new TokenBudget { MaxTotalTokens = 100 });
        using var client = CassetteChatClient.Replay(path).AsBuilder().UseTokenBudget(ledger).Build();

        await client.GetResponseAsync("q");
        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("q"));
        Assert.Equal(150, ledger.Totals.TotalTokens);
    }

    [Fact]
    public async Task A_replayed_cassette_reports_metadata_from_the_recording()
    {
        var path = PathOf("meta.json");
        using (var recorder = CassetteChatClient.Record(path, new ScriptedChatClient("x") { ModelId = "recorded-model" }))
        {
            await recorder.GetResponseAsync("q");
        }

        using var replay = CassetteChatClient.Replay(path);
        var metadata = replay.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("opto-cassette", metadata.ProviderName);
        Assert.Equal("recorded-model", metadata.DefaultModelId);
    }

    [Fact]
    public void Replaying_a_missing_cassette_says_how_to_record_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => CassetteChatClient.Replay(PathOf("missing.json")));

        Assert.Contains("OPTO_CASSETTE_MODE=record", error.Message);
    }

    [Fact]
    public async Task The_mode_can_come_from_the_environment()
    {
        var path = PathOf("env.json");
        var live = new ScriptedChatClient("recorded");
        using (var recorder = CassetteChatClient.FromEnvironment(path, () => live, new Dictionary<string, string?> { ["OPTO_CASSETTE_MODE"] = "record" }))
        {
            Assert.Equal(CassetteMode.Record, recorder.Mode);
            await recorder.GetResponseAsync("q");
        }

        using var replay = CassetteChatClient.FromEnvironment(path, () => throw new InvalidOperationException("not needed"), new Dictionary<string, string?>());
        Assert.Equal(CassetteMode.Replay, replay.Mode);
        Assert.Equal("recorded", (await replay.GetResponseAsync("q")).Text);
        Assert.Throws<ArgumentException>(() => CassetteChatClient.FromEnvironment(path, null, new Dictionary<string, string?> { ["OPTO_CASSETTE_MODE"] = "sometimes" }));
    }
}
