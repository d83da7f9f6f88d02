using System.Globalization;
using Opto.Trace;

namespace Opto.Optimizers.Baselines;

/// <summary>The values a categorical parameter can take (its arms), each already of the parameter's type and allowed by its constraints.</summary>
internal sealed class CategoricalChoices
{
    private CategoricalChoices(IParameterNode parameter, IReadOnlyList<object?> values)
    {
        Parameter = parameter;
        Values = values;
    }

    public IParameterNode Parameter { get; }

    public IReadOnlyList<object?> Values { get; }

    public string Label(int index) => ValueFormatter.Format(Values[index], 40);

    /// <summary>Whether the parameter is categorical: it has allowed values, or is a bool or an enum.</summary>
    public static bool IsCategorical(IParameterNode parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        return parameter.Constraints.AllowedValues is not null || type == typeof(bool) || type.IsEnum;
    }

    /// <summary>The choices of a categorical parameter, or why it has too few to search.</summary>
    public static CategoricalChoices? Create(IParameterNode parameter, out string? problem)
    {
        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        IEnumerable<object?> candidates = parameter.Constraints.AllowedValues is { } allowed
            ? allowed.Select(a => Convert(a, parameter.ValueType))
            : type == typeof(bool) ? [false, true] : Enum.GetValues(type).Cast<object?>();
        var values = new List<object?>();
        foreach (var candidate in candidates)
        {
            if (candidate is not null && parameter.Constraints.Check(candidate) is null && !values.Any(v => Equals(v, candidate)))
            {
                values.Add(candidate);
            }
        }

        if (values.Count < 2)
        {
            problem = values.Count == 0
                ? $"none of its allowed values is a {TypeNames.Friendly(parameter.ValueType)}, so there is nothing to choose from"
                : "it has only one allowed value, so there is nothing to choose";
            return null;
        }

        problem = null;
        return new CategoricalChoices(parameter, values);
    }

    /// <summary>An allowed value as the parameter's type: attributes often write 1 for 1.0 or a name for an enum.</summary>
    private static object? Convert(object value, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        try
        {
            if (type.IsEnum)
            {
                return value is string name ? Enum.Parse(type, name, ignoreCase: false) : Enum.ToObject(type, value);
            }

            return value is IConvertible && type != typeof(string) && NumericDimension.IsNumericType(type, out _)
                ? System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture)
                : null;
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            return null; // not a value of this type: left out of the choices
        }
    }
}
