using System.Text.Json;
using Opto.Trace;

namespace Opto.Optimizers.Tests;

public class ValueConverterTests
{
    private enum Color
    {
        Red,
        Green,
    }

    private static (bool Ok, object? Value, string? Reason) Convert<T>(T initial, string json, ParameterConstraints? constraints = null, bool isCode = false)
    {
        var parameter = new ParameterNode<T>(initial, "p", constraints: constraints) { IsCode = isCode };
        using var document = JsonDocument.Parse(json);
        var ok = ValueConverter.TryConvert(parameter, document.RootElement, null, out var value, out var reason);
        return (ok, value, reason);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"false\"", false)]
    [InlineData("\"True\"", true)]
    public void Bools_come_from_json_or_from_text_holding_a_literal(string json, bool expected)
    {
        var (ok, value, _) = Convert(!expected, json);
        Assert.True(ok);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void A_bool_refuses_other_text()
    {
        var (ok, _, reason) = Convert(true, "\"yes\"");
        Assert.False(ok);
        Assert.Contains("not a valid bool", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("7.0", 7)]
    [InlineData("\"7\"", 7)]
    [InlineData("-3", -3)]
    public void Integers_accept_whole_numbers(string json, int expected)
    {
        var (ok, value, _) = Convert(0, json);
        Assert.True(ok);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("7.5")]
    [InlineData("7.9")]
    [InlineData("\"7.5\"")]
    public void A_fraction_for_an_integer_is_refused_not_truncated(string json)
    {
        var (ok, _, reason) = Convert(0, json);
        Assert.False(ok);
        Assert.Contains("not a whole number", reason, StringComparison.Ordinal);
        Assert.Contains("int", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("\"0.5\"", 0.5)]
    [InlineData("1", 1.0)]
    public void Doubles_come_from_numbers_or_text_holding_a_number(string json, double expected)
    {
        var (ok, value, _) = Convert(0.0, json);
        Assert.True(ok);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("[3, 4]")]
    [InlineData("\"[3, 4]\"")]
    public void Lists_come_from_arrays_or_text_holding_an_array(string json)
    {
        var (ok, value, _) = Convert(new List<int> { 1 }, json);
        Assert.True(ok);
        Assert.Equal([3, 4], Assert.IsType<List<int>>(value));
    }

    [Fact]
    public void A_list_refuses_a_bare_word()
    {
        var (ok, _, reason) = Convert(new List<int> { 1 }, "\"three, four\"");
        Assert.False(ok);
        Assert.Contains("List<int>", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": 2}""")]
    [InlineData("""  "{'a': 2}"  """)]
    public void Dictionaries_come_from_objects_or_text_holding_one(string json)
    {
        var (ok, value, _) = Convert(new Dictionary<string, int>(), json);
        Assert.True(ok);
        Assert.Equal(2, Assert.IsType<Dictionary<string, int>>(value)["a"]);
    }

    [Fact]
    public void Text_that_mentions_def_is_kept()
    {
        // The reference ran any text containing "def" through a Python formatter and dropped it when that failed.
        var (ok, value, _) = Convert("x", "\"define the goal clearly\"");
        Assert.True(ok);
        Assert.Equal("define the goal clearly", value);
    }

    [Fact]
    public void Text_that_looks_like_json_stays_text()
    {
        var (ok, value, _) = Convert("x", "\"[1, 2]\"");
        Assert.True(ok);
        Assert.Equal("[1, 2]", value);
    }

    [Fact]
    public void A_number_for_text_becomes_its_digits_but_an_object_is_refused()
    {
        Assert.Equal("5", Convert("x", "5").Value);
        var (ok, _, reason) = Convert("x", """{"a": 1}""");
        Assert.False(ok);
        Assert.Contains("is text", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constraints_are_checked_with_the_reason()
    {
        var (ok, _, reason) = Convert(0.5, "1.5", ParameterConstraints.Range(0, 1));
        Assert.False(ok);
        Assert.Contains("breaks the constraints", reason, StringComparison.Ordinal);
        Assert.Contains("above the maximum 1", reason, StringComparison.Ordinal);

        Assert.False(Convert("a", "\"c\"", ParameterConstraints.OneOf("a", "b")).Ok);
        Assert.True(Convert("a", "\"b\"", ParameterConstraints.OneOf("a", "b")).Ok);
        Assert.False(Convert("ab", "\"abc1\"", new ParameterConstraints { Pattern = "^[a-z]+$" }).Ok);
    }

    [Fact]
    public void Null_is_refused_unless_the_type_is_nullable()
    {
        var (ok, _, reason) = Convert(1, "null");
        Assert.False(ok);
        Assert.Contains("null", reason, StringComparison.Ordinal);
        Assert.False(Convert("x", "null").Ok);

        var (nullableOk, value, _) = Convert<int?>(1, "null");
        Assert.True(nullableOk);
        Assert.Null(value);
    }

    [Theory]
    [InlineData("\"Green\"")]
    [InlineData("\"green\"")]
    public void Enums_come_from_their_names(string json)
    {
        var (ok, value, _) = Convert(Color.Red, json);
        Assert.True(ok);
        Assert.Equal(Color.Green, value);
    }

    [Fact]
    public void Code_loses_a_markdown_fence_and_may_not_be_empty()
    {
        var (ok, value, _) = Convert("int F() => 1;", "\"```csharp\\nint F() => 2;\\n```\"", isCode: true);
        Assert.True(ok);
        Assert.Equal("int F() => 2;", value);

        var (emptyOk, _, reason) = Convert("int F() => 1;", "\"  \"", isCode: true);
        Assert.False(emptyOk);
        Assert.Contains("empty", reason, StringComparison.Ordinal);
    }
}
