using Microsoft.Extensions.AI;
using Opto.Testing;

namespace Opto.Trainer.Tests;

public class GuideTests
{
    [Fact]
    public async Task ExactMatch_scores_one_for_equal_and_zero_with_both_values_otherwise()
    {
        var guide = Guide.ExactMatch<string, string>();

        var right = await guide.AssessAsync("q", "billing", "billing");
        var wrong = await guide.AssessAsync("q", "support", "billing");

        Assert.Equal(1, right.Score);
        Assert.Equal(0, wrong.Score);
        Assert.Contains("billing", wrong.Feedback, StringComparison.Ordinal);
        Assert.Contains("support", wrong.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExactMatch_uses_the_given_comparer()
    {
        var guide = Guide.ExactMatch<string, string>(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(1, (await guide.AssessAsync("q", "BILLING", "billing")).Score);
    }

    [Fact]
    public async Task NumericTolerance_accepts_within_tolerance_and_says_which_way_it_is_off()
    {
        var guide = Guide.NumericTolerance<string>(absoluteTolerance: 0.1, relativeTolerance: 0.01);

        Assert.Equal(1, (await guide.AssessAsync("", 100.9, 100)).Score); // 0.1 + 1% of 100 = 1.1
        var low = await guide.AssessAsync("", 7, 10);
        var high = await guide.AssessAsync("", 13, 10);

        Assert.Equal(0, low.Score);
        Assert.Contains("too small by 3", low.Feedback, StringComparison.Ordinal);
        Assert.Contains("too large by 3", high.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericTolerance_refuses_a_negative_tolerance_and_names_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Guide.NumericTolerance<string>(-1));

        Assert.Contains("-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_score_the_share_passed_and_list_each_failure_with_its_message()
    {
        var guide = Guide.Checks(
            GuideCheck<int, Func<int, int>, int>.That("doubles 2", (_, f, _) => f(2) == 4, "f(2) should be 4"),
            GuideCheck<int, Func<int, int>, int>.That("doubles 0", (_, f, _) => f(0) == 0),
            GuideCheck<int, Func<int, int>, int>.Asserting("handles the input", (x, f, expected) =>
            {
                if (f(x) != expected)
                {
                    throw new InvalidOperationException($"f({x}) = {f(x)}, expected {expected}");
                }
            }));

        var result = await guide.AssessAsync(5, x => x + 2, 10);

        Assert.Equal(1.0 / 3, result.Score, 10);
        Assert.Contains("2 of 3 checks failed", result.Feedback, StringComparison.Ordinal);
        Assert.Contains("- doubles 0: the condition does not hold", result.Feedback, StringComparison.Ordinal);
        Assert.Contains("- handles the input: InvalidOperationException: f(5) = 7, expected 10", result.Feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("doubles 2", result.Feedback, StringComparison.Ordinal); // x + 2 happens to pass f(2) == 4
    }

    [Fact]
    public void Checks_refuse_duplicate_names_and_an_empty_suite()
    {
        var check = GuideCheck<int, int, int>.That("same", (_, _, _) => true);

        Assert.Contains("'same'", Assert.Throws<ArgumentException>(() => Guide.Checks(check, check)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Guide.Checks<int, int, int>());
    }

    [Fact]
    public async Task From_wraps_sync_and_async_delegates()
    {
        var sync = Guide.From<int, int, int>((_, o, e) => new GuideResult(o == e ? 1 : 0, "sync"));
        var async = Guide.From<int, int, int>(async (_, o, e, ct) =>
        {
            await Task.Yield();
            return new GuideResult(o - e, "async");
        });

        Assert.Equal(new GuideResult(1, "sync"), await sync.AssessAsync(0, 3, 3));
        Assert.Equal(new GuideResult(-2, "async"), await async.AssessAsync(0, 1, 3));
    }

    [Theory]
    [InlineData("Score: 0.8\nGood, but name the unit.", 1, 0.8, "Good, but name the unit.")]
    [InlineData("The answer is close.\n**Score:** 7/10", 1, 0.7, "The answer is close.")]
    [InlineData("Score = 4\nMostly right.", 5, 0.8, "Mostly right.")]
    [InlineData("""{"score": 0.25, "feedback": "Wrong sign."}""", 1, 0.25, "Wrong sign.")]
    public async Task LlmJudge_reads_the_score_and_keeps_the_reasons_as_feedback(string answer, double maxScore, double score, string feedback)
    {
        var judge = new ScriptedChatClient(answer);
        var guide = Guide.LlmJudge<string, string, string>(judge, new LlmJudgeOptions { MaxScore = maxScore, Criteria = "Units matter." });

        var result = await guide.AssessAsync("How far is it?", "12", "12 km");

        Assert.Equal(score, result.Score, 10);
        Assert.Equal(feedback, result.Feedback);
        var prompt = judge.Requests[0].LastUserText;
        Assert.Contains("How far is it?", prompt, StringComparison.Ordinal);
        Assert.Contains("12 km", prompt, StringComparison.Ordinal);
        Assert.Contains("Units matter.", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LlmJudge_without_a_readable_score_raises_an_error_that_quotes_the_answer()
    {
        var guide = Guide.LlmJudge<string, string, string>(new ScriptedChatClient("Looks fine to me."));

        var error = await Assert.ThrowsAsync<GuideException>(async () => await guide.AssessAsync("q", "a", "a"));

        Assert.Contains("Score: 0.8", error.Message, StringComparison.Ordinal);
        Assert.Contains("Looks fine to me.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LlmJudge_refuses_a_score_outside_the_scale()
    {
        var guide = Guide.LlmJudge<string, string, string>(new ScriptedChatClient("Score: 9"));

        var error = await Assert.ThrowsAsync<GuideException>(async () => await guide.AssessAsync("q", "a", "a"));

        Assert.Contains("outside the scale 0 to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LlmJudge_passes_its_chat_options()
    {
        var judge = new ScriptedChatClient("Score: 1");
        var guide = Guide.LlmJudge<string, string, string>(judge, new LlmJudgeOptions { ChatOptions = new ChatOptions { Temperature = 0 } });

        await guide.AssessAsync("q", "a", "a");

        Assert.Equal(0f, judge.Requests[0].Options?.Temperature);
    }
}
