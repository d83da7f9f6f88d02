using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Trainer;

/// <summary>Asks an LLM for a score and reasons; see <see cref="Guide.LlmJudge{TInput, TOutput, TExpected}"/>.</summary>
internal sealed partial class LlmJudgeGuide<TInput, TOutput, TExpected> : Guide<TInput, TOutput, TExpected>
{
    private const int QuotedAnswerLength = 300;
    private readonly IChatClient _judge;
    private readonly LlmJudgeOptions _options;

    public LlmJudgeGuide(IChatClient judge, LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(judge);
        if (!(options.MaxScore > 0) || double.IsInfinity(options.MaxScore))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxScore, "LlmJudgeOptions.MaxScore must be a finite number above 0.");
        }

        _judge = judge;
        _options = options;
    }

    public override async ValueTask<GuideResult> AssessAsync(TInput input, TOutput output, TExpected expected, CancellationToken cancellationToken = default)
    {
        var max = _options.MaxScore.ToString(CultureInfo.InvariantCulture);
        var system = _options.SystemPrompt ?? "You grade answers to tasks. You are fair, specific and brief.";
        var user =
            $"""
            Task input:
            {ValueFormatter.Format(input, 4000)}

            Answer to grade:
            {ValueFormatter.Format(output, 4000)}

            Reference answer:
            {ValueFormatter.Format(expected, 4000)}
            {(_options.Criteria is { } criteria ? $"\nCriteria:\n{criteria}\n" : "")}
            Start your reply with a line "Score: <number from 0 to {max}>", then explain what is right or wrong and how to improve it.
            """;
        ChatMessage[] messages = [new(ChatRole.System, system), new(ChatRole.User, user)];
        var response = await _judge.GetResponseAsync(messages, _options.ChatOptions?.Clone(), cancellationToken).ConfigureAwait(false);
        var text = response.Text ?? "";
        // Inside a training step the call is listed with the step's LLM calls (latency is left out: records must
        // not depend on timing).
        Runs.StepCalls.Current?.Add(new Runs.LlmCallRecord
        {
            Purpose = "judge",
            Model = response.ModelId ?? _options.ChatOptions?.ModelId,
            InputTokens = response.Usage?.InputTokenCount,
            OutputTokens = response.Usage?.OutputTokenCount,
            RequestJson = Runs.StepCalls.RequestJson(messages),
            Response = text,
        });
        return Parse(text, _options.MaxScore);
    }

    /// <summary>Reads "Score: x" (also "x/10" and a JSON object with "score"), scales it to 0–1 and keeps the rest as feedback.</summary>
    internal static GuideResult Parse(string answer, double maxScore)
    {
        if (TryParseJson(answer, out var jsonScore, out var jsonFeedback))
        {
            return new GuideResult(Scale(jsonScore, maxScore, answer), jsonFeedback ?? "");
        }

        var match = ScorePattern().Match(answer);
        if (!match.Success)
        {
            throw new GuideException(
                $"The judge's answer has no score to read: expected a line like \"Score: 0.8\". The answer began: \"{Excerpt(answer)}\".");
        }

        var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var scale = match.Groups["scale"].Success ? double.Parse(match.Groups["scale"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) : maxScore;
        var feedback = (answer[..match.Index] + answer[(match.Index + match.Length)..]).Trim();
        return new GuideResult(Scale(value, scale, answer), feedback.Length == 0 ? answer.Trim() : feedback);
    }

    private static double Scale(double value, double max, string answer)
    {
        if (!(max > 0) || double.IsNaN(value) || value < 0 || value > max)
        {
            throw new GuideException(string.Create(CultureInfo.InvariantCulture,
                $"The judge's score {value} is outside the scale 0 to {max}. The answer began: \"{Excerpt(answer)}\"."));
        }

        return value / max;
    }

    private static bool TryParseJson(string answer, out double score, out string? feedback)
    {
        score = 0;
        feedback = null;
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(answer.AsMemory(start, end - start + 1));
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("score", out var s) || !s.TryGetDouble(out score))
            {
                return false;
            }

            foreach (var key in (ReadOnlySpan<string>)["feedback", "reason", "reasoning"])
            {
                if (document.RootElement.TryGetProperty(key, out var f) && f.ValueKind == JsonValueKind.String)
                {
                    feedback = f.GetString();
                    break;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string answer) => answer.Length <= QuotedAnswerLength ? answer : answer[..QuotedAnswerLength] + "…";

    [GeneratedRegex(@"\**\bscore\b\s*[:=]?\s*\**\s*(?<value>-?\d+(?:\.\d+)?)(?:\s*(?:/|out of)\s*(?<scale>\d+(?:\.\d+)?))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScorePattern();
}
