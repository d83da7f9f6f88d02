using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Opto.Trace;

/// <summary>
/// Rules a parameter's value must satisfy. Optimizers are shown <see cref="Describe"/> and every proposed value is
/// checked with <see cref="Check"/> before it is applied.
/// </summary>
public sealed class ParameterConstraints
{
    private Regex? _regex;

    /// <summary>No rules.</summary>
    public static ParameterConstraints None { get; } = new();

    /// <summary>The smallest allowed value of a number (inclusive).</summary>
    public double? Minimum { get; init; }

    /// <summary>The largest allowed value of a number (inclusive).</summary>
    public double? Maximum { get; init; }

    /// <summary>When set, the value must equal one of these.</summary>
    public IReadOnlyList<object>? AllowedValues { get; init; }

    /// <summary>When set, a text value must match this regular expression.</summary>
    public string? Pattern
    {
        get;
        init
        {
            field = value;
            _regex = value is null ? null : new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>When set, a text value (in characters) or a collection (in items) may be at most this long.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Any further rule in words, shown to the optimizer but not checked.</summary>
    public string? Text { get; init; }

    /// <summary>Whether there is any rule at all.</summary>
    public bool IsEmpty => Minimum is null && Maximum is null && AllowedValues is null && Pattern is null && MaxLength is null && Text is null;

    /// <summary>A range rule.</summary>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="maximum">The largest allowed value.</param>
    /// <returns>The constraints.</returns>
    public static ParameterConstraints Range(double minimum, double maximum)
    {
        if (minimum > maximum)
        {
            throw new ArgumentException($"The range is empty: minimum {minimum} is above maximum {maximum}.", nameof(minimum));
        }

        return new() { Minimum = minimum, Maximum = maximum };
    }

    /// <summary>A choice among fixed values.</summary>
    /// <param name="values">The allowed values.</param>
    /// <returns>The constraints.</returns>
    public static ParameterConstraints OneOf(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("At least one allowed value is needed.", nameof(values));
        }

        return new() { AllowedValues = values };
    }

    /// <summary>Checks a value against every rule.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="null"/> when the value is allowed; otherwise why not.</returns>
    public string? Check(object? value)
    {
        if (Minimum is not null || Maximum is not null)
        {
            if (!TryAsDouble(value, out var number))
            {
                return $"a number is required, got {ValueFormatter.Format(value, 40)}";
            }

            if (double.IsNaN(number))
            {
                return "NaN is not allowed";
            }

            if (number < Minimum)
            {
                return $"{Fmt(number)} is below the minimum {Fmt(Minimum.Value)}";
            }

            if (number > Maximum)
            {
                return $"{Fmt(number)} is above the maximum {Fmt(Maximum.Value)}";
            }
        }

        if (AllowedValues is { } allowed && !allowed.Any(a => ValuesEqual(a, value)))
        {
            return $"{ValueFormatter.Format(value, 40)} is not one of {string.Join(", ", allowed.Select(a => ValueFormatter.Format(a, 40)))}";
        }

        if (MaxLength is { } max)
        {
            var length = value switch
            {
                string s => s.Length,
                ICollection c => c.Count,
                _ => (int?)null,
            };
            if (length > max)
            {
                return $"the length {length} is above the maximum {max}";
            }
        }

        if (_regex is not null)
        {
            if (value is not string text)
            {
                return "a text value is required by the pattern";
            }

            if (!_regex.IsMatch(text))
            {
                return $"the text does not match the pattern {Pattern}";
            }
        }

        return null;
    }

    /// <summary>The rules in words, for an optimizer; empty when there are none.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        var parts = new List<string>();
        if (Minimum is not null && Maximum is not null)
        {
            parts.Add($"between {Fmt(Minimum.Value)} and {Fmt(Maximum.Value)} inclusive");
        }
        else if (Minimum is not null)
        {
            parts.Add($"at least {Fmt(Minimum.Value)}");
        }
        else if (Maximum is not null)
        {
            parts.Add($"at most {Fmt(Maximum.Value)}");
        }

        if (AllowedValues is { } allowed)
        {
            parts.Add("one of " + string.Join(", ", allowed.Select(a => ValueFormatter.Format(a, 40))));
        }

        if (MaxLength is { } max)
        {
            parts.Add($"no longer than {max}");
        }

        if (Pattern is not null)
        {
            parts.Add($"matching the regular expression {Pattern}");
        }

        var sb = new StringBuilder(string.Join("; ", parts));
        if (Text is not null)
        {
            if (sb.Length > 0)
            {
                sb.Append(". ");
            }

            sb.Append(Text);
        }

        return sb.ToString();
    }

    private static bool TryAsDouble(object? value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case float f: number = f; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case decimal m: number = (double)m; return true;
            case IConvertible c when value is not string and not bool and not char:
                number = c.ToDouble(CultureInfo.InvariantCulture);
                return true;
            default:
                number = 0;
                return false;
        }
    }

    private static bool ValuesEqual(object allowed, object? value)
    {
        if (Equals(allowed, value))
        {
            return true;
        }

        // 1 and 1.0 are the same choice even if the attribute was written with another numeric type.
        return allowed is not string && value is not string && TryAsDouble(allowed, out var a) && TryAsDouble(value, out var b) && a == b;
    }

    private static string Fmt(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
