namespace Opto.Trace;

/// <summary>The descriptions of the built-in traced operators, as optimizers see them.</summary>
public static class BuiltInOperations
{
    private static readonly string[] XY = ["x", "y"];
    private static readonly string[] X = ["x"];

#pragma warning disable CS1591 // The names say what each one is; the documentation text is the value itself.
    public static Operation Add { get; } = new("add", "Adds y to x (x + y).", XY);
    public static Operation Subtract { get; } = new("subtract", "Subtracts y from x (x - y).", XY);
    public static Operation Multiply { get; } = new("multiply", "Multiplies x by y (x * y).", XY);
    public static Operation Divide { get; } = new("divide", "Divides x by y (x / y).", XY);
    public static Operation Modulo { get; } = new("modulo", "The remainder of x divided by y (x % y).", XY);
    public static Operation Negate { get; } = new("negate", "The negation of x (-x).", X);
    public static Operation Abs { get; } = new("abs", "The absolute value of x.", X);
    public static Operation BitAnd { get; } = new("and", "Bitwise or logical AND of x and y (x & y).", XY);
    public static Operation BitOr { get; } = new("or", "Bitwise or logical OR of x and y (x | y).", XY);
    public static Operation BitXor { get; } = new("xor", "Bitwise or logical exclusive OR of x and y (x ^ y).", XY);
    public static Operation Not { get; } = new("not", "The logical negation of x (!x).", X);
    public static Operation ShiftLeft { get; } = new("shift_left", "x shifted left by y bits (x << y).", XY);
    public static Operation ShiftRight { get; } = new("shift_right", "x shifted right by y bits (x >> y).", XY);
    public static Operation LessThan { get; } = new("less_than", "Whether x is less than y (x < y).", XY);
    public static Operation LessOrEqual { get; } = new("less_or_equal", "Whether x is less than or equal to y (x <= y).", XY);
    public static Operation GreaterThan { get; } = new("greater_than", "Whether x is greater than y (x > y).", XY);
    public static Operation GreaterOrEqual { get; } = new("greater_or_equal", "Whether x is greater than or equal to y (x >= y).", XY);
    public static Operation EqualTo { get; } = new("equal", "Whether x equals y.", XY);
    public static Operation NotEqualTo { get; } = new("not_equal", "Whether x differs from y.", XY);
    public static Operation Concat { get; } = new("concat", "Joins text y to the end of text x.", XY);
    public static Operation ToUpper { get; } = new("upper", "The text x in upper case.", X);
    public static Operation ToLower { get; } = new("lower", "The text x in lower case.", X);
    public static Operation Trim { get; } = new("trim", "The text x without leading and trailing white space.", X);
    public static Operation Replace { get; } = new("replace", "The text x with every occurrence of old replaced by new.", ["x", "old", "new"]);
    public static Operation Contains { get; } = new("contains", "Whether the text x contains the text y.", XY);
    public static Operation StartsWith { get; } = new("starts_with", "Whether the text x starts with the text y.", XY);
    public static Operation Length { get; } = new("length", "The number of characters of the text x.", X);
    public static Operation Split { get; } = new("split", "The parts of the text x between occurrences of the separator.", ["x", "separator"]);
    public static Operation Join { get; } = new("join", "The items joined into one text with the separator between them.", ["separator", "items"]);
    public static Operation Format { get; } = new("format", "Fills the placeholders {0}, {1}, … of the format text with the arguments.");
    public static Operation GetItem { get; } = new("get_item", "The item of x at the index or key.", ["x", "index"]);
    public static Operation Count { get; } = new("count", "The number of items in x.", X);
    public static Operation Keys { get; } = new("keys", "The keys of the dictionary x.", X);
    public static Operation Values { get; } = new("values", "The values of the dictionary x.", X);
    public static Operation ContainsKey { get; } = new("contains_key", "Whether the dictionary x has the key.", ["x", "key"]);
    public static Operation MakeDictionary { get; } = new("make_dictionary", "Collects the values into a dictionary keyed by the argument names.");
    public static Operation Identity { get; } = new("identity", "The same value as x.", X);
#pragma warning restore CS1591

    private static readonly Lock ListGate = new();
    private static Operation[] s_lists = [];

    /// <summary>The operation that collects <paramref name="count"/> items into a list (its arguments are item0, item1, …).</summary>
    /// <param name="count">How many items.</param>
    /// <returns>The operation.</returns>
    public static Operation MakeList(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var lists = s_lists;
        if (count < lists.Length)
        {
            return lists[count];
        }

        lock (ListGate)
        {
            if (count >= s_lists.Length)
            {
                var grown = new Operation[Math.Max(count + 1, s_lists.Length * 2)];
                s_lists.CopyTo(grown, 0);
                for (var n = s_lists.Length; n < grown.Length; n++)
                {
                    grown[n] = new Operation("make_list", "Collects the items into a list, in argument order.",
                        [.. Enumerable.Range(0, n).Select(i => $"item{i}")]);
                }

                s_lists = grown;
            }

            return s_lists[count];
        }
    }
}
