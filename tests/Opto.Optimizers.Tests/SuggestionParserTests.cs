using System.Text.Json;

namespace Opto.Optimizers.Tests;

public class SuggestionParserTests
{
    private static Dictionary<string, string> Values(ParsedAnswer answer) =>
        answer.Suggestions.Where(s => s.IsComplete).ToDictionary(s => s.Name, s => s.Value!.Value.GetRawText());

    [Fact]
    public void Reads_plain_json()
    {
        var answer = SuggestionParser.Parse("""{"reasoning": "x must grow", "suggestion": {"x": 5, "name": "Ada"}}""");
        Assert.False(answer.IsTerminate);
        Assert.Equal("x must grow", answer.Reasoning);
        Assert.Equal(new Dictionary<string, string> { ["x"] = "5", ["name"] = "\"Ada\"" }, Values(answer));
        Assert.Empty(answer.Problems);
        Assert.False(answer.WasTruncated);
    }

    [Fact]
    public void Reads_json_inside_a_fence_with_prose_around_it()
    {
        var answer = SuggestionParser.Parse("""
            Sure! Here is my answer:

            ```json
            {
              "reasoning": "raise it",
              "suggestion": {"x": 7}
            }
            ```
            Let me know if you need anything else {or not}.
            """);
        Assert.Equal("7", Values(answer)["x"]);
        Assert.Equal("raise it", answer.Reasoning);
    }

    [Fact]
    public void Forgives_single_quotes_trailing_commas_bare_keys_and_python_literals()
    {
        var answer = SuggestionParser.Parse("""
            {'reasoning': 'it\'s fine', suggestion: {'flag': False, 'other': True, 'empty': None, 'list': [1, 2, 3,],},}
            """);
        Assert.Equal("it's fine", answer.Reasoning);
        var values = Values(answer);
        Assert.Equal("false", values["flag"]);
        Assert.Equal("true", values["other"]);
        Assert.Equal("null", values["empty"]);
        Assert.Equal("[1,2,3]", values["list"]);
    }

    [Fact]
    public void Forgives_comments_missing_commas_and_raw_line_breaks_in_strings()
    {
        var answer = SuggestionParser.Parse("{\"suggestion\": { // new values\n \"a\": 1 \"b\": \"two\nlines\" }}");
        var values = Values(answer);
        Assert.Equal("1", values["a"]);
        Assert.Equal("two\nlines", answer.Suggestions.Single(s => s.Name == "b").Value!.Value.GetString());
    }

    [Fact]
    public void Recovers_the_complete_pairs_of_a_truncated_answer()
    {
        var answer = SuggestionParser.Parse("""{"reasoning": "two changes", "suggestion": {"a": 1.5, "b": "complete", "c": "cut in the mid""");
        Assert.True(answer.WasTruncated);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1.5", ["b"] = "\"complete\"" }, Values(answer));
        var cut = answer.Suggestions.Single(s => s.Name == "c");
        Assert.False(cut.IsComplete);
        Assert.Equal("cut in the mid", cut.Text);
        Assert.Contains(answer.Problems, p => p.Contains("cut off", StringComparison.Ordinal));
    }

    [Fact]
    public void A_number_at_the_very_end_of_a_truncated_answer_is_not_trusted()
    {
        // "12" might have been "125" before the cut.
        var answer = SuggestionParser.Parse("""{"suggestion": {"a": 1, "b": 12""");
        Assert.Equal("1", Values(answer)["a"]);
        Assert.False(answer.Suggestions.Single(s => s.Name == "b").IsComplete);
    }

    [Fact]
    public void Truncated_before_the_suggestion_is_a_problem()
    {
        var answer = SuggestionParser.Parse("""{"reasoning": "I think we should""");
        Assert.Empty(answer.Suggestions);
        Assert.Equal("I think we should", answer.Reasoning);
        Assert.Contains(answer.Problems, p => p.Contains("cut off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TERMINATE")]
    [InlineData("  terminate \n")]
    [InlineData("Terminate")]
    public void TERMINATE_counts_only_as_the_whole_answer(string text)
    {
        Assert.True(SuggestionParser.Parse(text).IsTerminate);
    }

    [Theory]
    [InlineData("""{"reasoning": "No need to TERMINATE yet.", "suggestion": {"x": 1}}""")]
    [InlineData("""{"reasoning": "ok", "suggestion": {"prompt": "Say TERMINATE when done."}}""")]
    [InlineData("I would TERMINATE here, but {\"suggestion\": {\"x\": 1}}")]
    public void TERMINATE_inside_reasoning_or_a_value_does_not_terminate(string text)
    {
        var answer = SuggestionParser.Parse(text);
        Assert.False(answer.IsTerminate);
        Assert.Single(answer.Suggestions);
    }

    [Fact]
    public void Keys_for_unknown_parameters_are_passed_on_for_the_resolver_to_reject()
    {
        var answer = SuggestionParser.Parse("""{"suggestion": {"x": 1, "does_not_exist": 2}}""");
        Assert.Equal(["x", "does_not_exist"], answer.Suggestions.Select(s => s.Name));
    }

    [Fact]
    public void Nested_braces_and_quotes_inside_strings_do_not_confuse_it()
    {
        var code = "public int F(int x) { if (x > 0) { return x; } return \"}\".Length; }";
        var json = JsonSerializer.Serialize(new { reasoning = "use {braces}", suggestion = new Dictionary<string, string> { ["F"] = code } });
        var answer = SuggestionParser.Parse("Answer: " + json + " -- done }");
        Assert.Equal(code, answer.Suggestions.Single().Value!.Value.GetString());
    }

    [Fact]
    public void Example_json_in_prose_before_the_answer_is_skipped()
    {
        var answer = SuggestionParser.Parse("""
            The format is {"x": "value"} as asked. My answer:
            {"reasoning": "r", "suggestion": {"x": 3}}
            """, knownNames: ["x"]);
        Assert.Equal("3", Values(answer)["x"]);
    }

    [Fact]
    public void Values_may_be_strings_holding_json_and_the_suggestion_itself_may_be_such_a_string()
    {
        var answer = SuggestionParser.Parse("""{"reasoning": "r", "suggestion": "{\"x\": \"0.5\", \"items\": \"[1, 2]\"}"}""");
        Assert.Equal("\"0.5\"", Values(answer)["x"]);
        Assert.Equal("\"[1, 2]\"", Values(answer)["items"]);
    }

    [Fact]
    public void Without_a_suggestion_wrapper_top_level_variable_names_are_used()
    {
        var answer = SuggestionParser.Parse("""{"reasoning": "r", "x": 4}""", knownNames: ["x"]);
        Assert.Equal(new Dictionary<string, string> { ["x"] = "4" }, Values(answer));
    }

    [Fact]
    public void An_empty_suggestion_object_means_no_change()
    {
        var answer = SuggestionParser.Parse("""{"reasoning": "all good", "suggestion": {}}""");
        Assert.True(answer.HasSuggestionObject);
        Assert.Empty(answer.Suggestions);
        Assert.Empty(answer.Problems);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("I do not know.", "no JSON object")]
    [InlineData("""{"reasoning": "r"}""", "no \"suggestion\"")]
    [InlineData("""{"suggestion": [1, 2]}""", "must be a JSON object")]
    [InlineData("""{"suggestion": {"x": 1} garbage""", "malformed")]
    public void Malformed_answers_report_a_problem(string text, string expected)
    {
        var answer = SuggestionParser.Parse(text);
        Assert.Contains(answer.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Escapes_are_decoded_and_unknown_escapes_kept()
    {
        var answer = SuggestionParser.Parse("""{"suggestion": {"re": "\d+\u0041\n"}}""");
        Assert.Equal("\\d+A\n", answer.Suggestions.Single().Value!.Value.GetString());
    }

    [Fact]
    public void A_huge_value_is_read_whole()
    {
        var big = new string('a', 2_000_000);
        var answer = SuggestionParser.Parse("{\"reasoning\": \"r\", \"suggestion\": {\"text\": \"" + big + "\"}}");
        Assert.Equal(big.Length, answer.Suggestions.Single().Value!.Value.GetString()!.Length);
    }

    [Fact]
    public void Deep_nesting_and_many_braces_neither_crash_nor_hang()
    {
        var deep = new string('[', 100_000);
        var answer = SuggestionParser.Parse("{\"suggestion\": {\"x\": " + deep + "}}");
        Assert.NotNull(answer);
        var braces = SuggestionParser.Parse(string.Concat(Enumerable.Repeat("{ {", 50_000)));
        Assert.Empty(braces.Suggestions);
    }
}
