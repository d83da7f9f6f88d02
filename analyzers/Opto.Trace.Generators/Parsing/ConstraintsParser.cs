using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;

namespace Opto.Trace.Generators.Parsing;

/// <summary>
/// Reads a member's constraint attributes into C# expressions for <c>ParameterConstraints</c>. DataAnnotations
/// attributes are reused where they exist, so that a model validated elsewhere with them means the same here.
/// </summary>
internal static class ConstraintsParser
{
    public static ConstraintsInfo Parse(ISymbol member)
    {
        string? minimum = null, maximum = null, pattern = null, maxLength = null;
        var allowed = new List<string>();
        var notes = new List<string>();

        foreach (var attribute in member.GetAttributes())
        {
            var args = attribute.ConstructorArguments;
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case KnownNames.RangeAttribute when args.Length == 2:
                    minimum = Number(args[0].Value);
                    maximum = Number(args[1].Value);
                    AddExclusiveNotes(attribute, notes);
                    break;
                case KnownNames.RangeAttribute when args.Length == 3:
                    // Range(typeof(decimal), "0", "9.5"): the bounds are text in the invariant culture.
                    minimum = Number(ParseInvariant(args[1].Value as string));
                    maximum = Number(ParseInvariant(args[2].Value as string));
                    AddExclusiveNotes(attribute, notes);
                    break;
                case KnownNames.AllowedValuesAttribute when args.Length == 1 && args[0].Kind == TypedConstantKind.Array:
                    allowed.AddRange(args[0].Values.Select(Literal));
                    break;
                case KnownNames.RegularExpressionAttribute when args.Length == 1 && args[0].Value is string regex:
                    // DataAnnotations requires the whole text to match; ParameterConstraints.Pattern searches, so anchor it.
                    pattern = SymbolDisplay.FormatLiteral("^(?:" + regex + ")$", quote: true);
                    break;
                case KnownNames.MaxLengthAttribute when args.Length == 1 && args[0].Value is int max && max >= 0:
                    maxLength = max.ToString(CultureInfo.InvariantCulture);
                    break;
                case KnownNames.StringLengthAttribute when args.Length == 1 && args[0].Value is int max:
                    maxLength = max.ToString(CultureInfo.InvariantCulture);
                    if (attribute.NamedArguments.FirstOrDefault(a => a.Key == "MinimumLength").Value.Value is int min && min > 0)
                    {
                        notes.Add($"At least {min.ToString(CultureInfo.InvariantCulture)} characters long.");
                    }

                    break;
                case KnownNames.ConstraintAttribute when args.Length == 1 && args[0].Value is string text && text.Trim().Length > 0:
                    notes.Add(text.Trim());
                    break;
            }
        }

        return new ConstraintsInfo(
            minimum,
            maximum,
            allowed.ToEquatableArray(),
            pattern,
            maxLength,
            notes.Count == 0 ? null : SymbolDisplay.FormatLiteral(string.Join(" ", notes), quote: true));
    }

    /// <summary>ParameterConstraints checks inclusive bounds only; an exclusive bound is at least told to the optimizer.</summary>
    private static void AddExclusiveNotes(AttributeData attribute, List<string> notes)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Value.Value is true && named.Key is "MinimumIsExclusive" or "MaximumIsExclusive")
            {
                notes.Add(named.Key == "MinimumIsExclusive" ? "The minimum itself is not allowed." : "The maximum itself is not allowed.");
            }
        }
    }

    private static object? ParseInvariant(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Number(object? value) => value switch
    {
        double d => DoubleLiteral(d),
        float f => DoubleLiteral(f),
        int or long or short or byte or sbyte or uint or ulong or ushort or decimal =>
            DoubleLiteral(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        _ => null,
    };

    private static string DoubleLiteral(double d) =>
        double.IsNaN(d) ? "global::System.Double.NaN"
        : double.IsPositiveInfinity(d) ? "global::System.Double.PositiveInfinity"
        : double.IsNegativeInfinity(d) ? "global::System.Double.NegativeInfinity"
        : d.ToString("R", CultureInfo.InvariantCulture) + "d";

    /// <summary>An attribute argument as a C# expression of the same runtime type (boxed into <c>object</c>).</summary>
    private static string Literal(TypedConstant constant)
    {
        switch (constant.Kind)
        {
            case TypedConstantKind.Enum:
                return $"({constant.Type!.ToQualified()})({Convert.ToString(constant.Value, CultureInfo.InvariantCulture)})";
            case TypedConstantKind.Type:
                return constant.Value is ITypeSymbol type ? $"typeof({type.ToQualified()})" : "null!";
            case TypedConstantKind.Array:
                return $"new object[] {{ {string.Join(", ", constant.Values.Select(Literal))} }}";
            default:
                break;
        }

        return constant.Value switch
        {
            null => "null!",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            double d => DoubleLiteral(d),
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            int i => i.ToString(CultureInfo.InvariantCulture),
            var other => $"({constant.Type!.ToQualified()})({Convert.ToString(other, CultureInfo.InvariantCulture)})",
        };
    }
}
