using System.Numerics;

namespace Opto.Trace.Tests;

public class OperatorTests
{
    public static TheoryData<string, int, int> IntegerCases => new()
    {
        { "+", 7, 3 }, { "-", 7, 3 }, { "*", 7, 3 }, { "/", 7, 3 }, { "%", 7, 3 },
        { "&", 6, 3 }, { "|", 6, 3 }, { "^", 6, 3 }, { "<<", 6, 2 }, { ">>", 24, 2 },
    };

    [Theory]
    [MemberData(nameof(IntegerCases))]
    public void Binary_operators_match_plain_arithmetic_for_node_and_constant_operands(string op, int a, int b)
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(a);
        var y = Node.Input(b);
        int expected = op switch
        {
            "+" => a + b, "-" => a - b, "*" => a * b, "/" => a / b, "%" => a % b,
            "&" => a & b, "|" => a | b, "^" => a ^ b, "<<" => a << b, ">>" => a >> b,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };

        Node<int> nodeNode = op switch
        {
            "+" => x + y, "-" => x - y, "*" => x * y, "/" => x / y, "%" => x % y,
            "&" => x & y, "|" => x | y, "^" => x ^ y, "<<" => x << y, ">>" => x >> y,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        Assert.Equal(expected, nodeNode.Value);
        Assert.Equal([x, y], nodeNode.Parents);

        if (op is "+" or "-" or "*" or "/" or "%")
        {
            Node<int> nodeRaw = op switch { "+" => x + b, "-" => x - b, "*" => x * b, "/" => x / b, _ => x % b };
            Node<int> rawNode = op switch { "+" => a + y, "-" => a - y, "*" => a * y, "/" => a / y, _ => a % y };
            Assert.Equal(expected, nodeRaw.Value);
            Assert.Equal(expected, rawNode.Value);
            Assert.Equal(2, nodeRaw.Parents.Count); // the constant becomes a parent, as in the reference
            Assert.Equal(b, Assert.IsType<Node<int>>(nodeRaw.Parents[1]).Value);
        }
    }

    [Fact]
    public void Generic_math_reaches_doubles_decimals_and_big_integers()
    {
        using var scope = TraceScope.Begin();
        Assert.Equal(0.75, (Node.Input(1.5) * 0.5).Value);
        Assert.Equal(0.3m, (Node.Input(0.1m) + 0.2m).Value);
        Assert.Equal(BigInteger.Pow(2, 70), (Node.Input(BigInteger.Pow(2, 69)) * new BigInteger(2)).Value);
        Assert.Equal(-4.0, (-Node.Input(4.0)).Value);
        Assert.Equal(4.0, Node.Input(-4.0).Abs().Value);
    }

    [Fact]
    public void Comparisons_return_traced_boolean_nodes()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(2.0);
        var y = Node.Input(3.0);

        var lt = x < y;
        Assert.True(lt.Value);
        Assert.Equal([x, y], lt.Parents);
        Assert.False((x > y).Value);
        Assert.True((x <= 2.0).Value);
        Assert.False((x >= 2.5).Value);
        Assert.False((!lt).Value);
        Assert.True((lt & (x < 5.0)).Value);
        Assert.True(((x > y) | lt).Value);
    }

    [Fact]
    public void Strings_concatenate_format_and_transform()
    {
        using var scope = TraceScope.Begin();
        var greeting = Node.Input("Hello");
        var name = Node.Input("Ada");

        var joined = greeting + ", " + name + "!";
        Assert.Equal("Hello, Ada!", joined.Value);
        Assert.Equal("hello", greeting.ToLower().Value);
        Assert.Equal("HELLO", greeting.ToUpper().Value);
        Assert.Equal("x", Node.Input("  x ").Trim().Value);
        Assert.Equal(5, greeting.Length().Value);
        Assert.True(joined.Contains("Ada").Value);
        Assert.True(joined.StartsWith("Hell").Value);
        Assert.Equal("Hello, Bob!", joined.Replace("Ada", "Bob").Value);

        var formatted = Node.Format("{0} scored {1:0.0}", name, Node.Input(9.25));
        Assert.Equal("Ada scored 9.3", formatted.Value);
        Assert.Equal(["format", "arg0", "arg1"], ((MessageNode<string>)formatted).Inputs.Select(i => i.Name));

        var parts = Node.Input("a,b,c").Split(",");
        Assert.Equal(["a", "b", "c"], parts.Value);
        Assert.Equal("a-b-c", Node.Join("-", parts).Value);
    }

    [Fact]
    public void Prefix_text_uses_the_traced_operator_not_string_concatenation_of_the_node()
    {
        using var scope = TraceScope.Begin();
        var name = Node.Input("Ada");
        Node<string> result = "Dear " + name;
        Assert.Equal("Dear Ada", result.Value);
        Assert.Contains(name, result.Parents);
    }

    [Fact]
    public void Lists_index_count_and_iterate_as_traced_nodes()
    {
        using var scope = TraceScope.Begin();
        var list = Node.Input(new List<int> { 10, 20, 30 });
        var array = Node.Input(new[] { "a", "b" });

        var second = list.At(1);
        Assert.Equal(20, second.Value);
        Assert.Same(list, second.Parents[0]);
        Assert.Equal(3, list.Count().Value);
        Assert.Equal("b", array.At(Node.Input(1)).Value);

        var items = list.Items().ToList();
        Assert.Equal([10, 20, 30], items.Select(i => i.Value));
        Assert.All(items, i => Assert.Same(list, i.Parents[0]));
    }

    [Fact]
    public void Dictionaries_index_by_key_and_list_keys_and_values()
    {
        using var scope = TraceScope.Begin();
        var prices = Node.Input(new Dictionary<string, double> { ["tea"] = 2.5, ["cake"] = 4.0 });

        Assert.Equal(4.0, prices.At("cake").Value);
        Assert.True(prices.ContainsKey("tea").Value);
        Assert.Equal(["tea", "cake"], prices.Keys().Value);
        Assert.Equal([2.5, 4.0], prices.Values().Value);
    }

    [Fact]
    public void Containers_of_nodes_have_the_items_as_parents()
    {
        using var scope = TraceScope.Begin();
        var a = Node.Input(1);
        var b = Node.Input(2);

        var list = Node.List(a, b, a);
        Assert.Equal([1, 2, 1], list.Value);
        Assert.Equal([a, b, a], list.Parents);
        Assert.Equal(["item0", "item1", "item2"], ((MessageNode<IReadOnlyList<int>>)list).Inputs.Select(i => i.Name));

        var dict = Node.Dictionary(new Dictionary<string, Node<int>> { ["left"] = a, ["right"] = b });
        Assert.Equal(2, dict.Value["right"]);
        Assert.Equal(["left", "right"], ((MessageNode<IReadOnlyDictionary<string, int>>)dict).Inputs.Select(i => i.Name));
    }

    [Fact]
    public void A_failing_operator_becomes_an_exception_node_with_its_inputs()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(1);
        var zero = Node.Input(0);

        var error = Assert.Throws<TraceExecutionException>(() => x / zero);
        Assert.Equal([x, zero], error.Node.Parents);
        Assert.Equal("DivideByZeroException", error.Node.ErrorType);
        Assert.IsType<DivideByZeroException>(error.Node.Error);
        Assert.StartsWith("exception_divide", error.Node.Name);
        Assert.Contains("(DivideByZeroException)", error.Node.FeedbackText);

        var missing = Assert.Throws<TraceExecutionException>(() => Node.Input(new List<int>()).At(3));
        Assert.Equal("ArgumentOutOfRangeException", missing.Node.ErrorType);
    }
}
