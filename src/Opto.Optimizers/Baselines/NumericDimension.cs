using System.Globalization;
using Opto.Trace;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// One numeric parameter seen as a coordinate u: value = offset + u·scale. A parameter with a minimum and a maximum
/// maps its range onto u ∈ [0, 1]; otherwise u = 0 is its initial value and one unit of u is the size of that value
/// (at least 1), so a step means the same thing for a learning rate of 0.001 and a batch size of 512.
/// </summary>
internal sealed class NumericDimension
{
    private readonly TypeCode _type;
    private readonly double _offset;
    private readonly double _lowestValue;
    private readonly double _highestValue;

    private NumericDimension(IParameterNode parameter, TypeCode type, double origin)
    {
        Parameter = parameter;
        _type = type;
        IsInteger = type is not (TypeCode.Single or TypeCode.Double or TypeCode.Decimal);
        var (typeMin, typeMax) = TypeRange(type);
        var min = Math.Max(parameter.Constraints.Minimum ?? double.NegativeInfinity, typeMin);
        var max = Math.Min(parameter.Constraints.Maximum ?? double.PositiveInfinity, typeMax);
        if (IsInteger)
        {
            min = Math.Ceiling(min);
            max = Math.Floor(max);
        }

        _lowestValue = min;
        _highestValue = max;
        var bothBounds = parameter.Constraints.Minimum is not null && parameter.Constraints.Maximum is not null;
        if (bothBounds)
        {
            _offset = min;
            Scale = max - min;
        }
        else
        {
            _offset = origin;
            Scale = Math.Max(Math.Abs(origin), 1.0);
        }

        // The range of a wide type (long, float, double, decimal) is no bound worth reflecting at: its width would
        // overflow. Values are still clamped to it when decoded.
        var lower = parameter.Constraints.Minimum is not null || typeMin > -1e15 ? min : double.NegativeInfinity;
        var upper = parameter.Constraints.Maximum is not null || typeMax < 1e15 ? max : double.PositiveInfinity;
        Lower = (lower - _offset) / Scale;
        Upper = (upper - _offset) / Scale;
        Origin = (origin - _offset) / Scale;
    }

    public IParameterNode Parameter { get; }

    public bool IsInteger { get; }

    /// <summary>The size of one unit of u in the parameter's own units.</summary>
    public double Scale { get; }

    /// <summary>The smallest allowed u (may be -∞).</summary>
    public double Lower { get; }

    /// <summary>The largest allowed u (may be +∞).</summary>
    public double Upper { get; }

    /// <summary>Whether u has both bounds, so a step longer than 1 only bounces between them.</summary>
    public bool IsBounded => double.IsFinite(Lower) && double.IsFinite(Upper);

    /// <summary>The initial value's u.</summary>
    public double Origin { get; }

    /// <summary>The step in u below which this coordinate no longer changes the value in a way worth searching.</summary>
    public double Resolution(double minimumStep) => IsInteger ? 0.5 / Scale : minimumStep;

    /// <summary>Whether the type is one this search can handle as a number.</summary>
    public static bool IsNumericType(Type type, out TypeCode code)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        code = Type.GetTypeCode(underlying);
        return !underlying.IsEnum && code is TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
            or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;
    }

    /// <summary>Why the parameter cannot be searched as a number, or null when it can.</summary>
    public static string? Problem(IParameterNode parameter, object? origin)
    {
        if (origin is null)
        {
            return "it holds no value to start the numeric search from";
        }

        var value = ToDouble(origin);
        if (!double.IsFinite(value))
        {
            return "its value is not a finite number, so the numeric search has no starting point";
        }

        if (parameter.Constraints.Minimum is { } min && parameter.Constraints.Maximum is { } max && min == max)
        {
            return "its minimum equals its maximum, so there is nothing to search";
        }

        return null;
    }

    public static NumericDimension Create(IParameterNode parameter, object origin)
    {
        IsNumericType(parameter.ValueType, out var code);
        return new NumericDimension(parameter, code, ToDouble(origin));
    }

    /// <summary>Folds u back into [Lower, Upper] by mirroring at the bounds (a reflected step keeps its length, unlike clamping, which piles proposals onto the bound).</summary>
    public double Reflect(double u)
    {
        if (IsBounded)
        {
            var width = Upper - Lower;
            if (width <= 0)
            {
                return Lower;
            }

            var t = (u - Lower) % (2 * width);
            if (t < 0)
            {
                t += 2 * width;
            }

            return Lower + (t <= width ? t : 2 * width - t);
        }

        if (u < Lower)
        {
            return Lower + (Lower - u);
        }

        return u > Upper ? Upper - (u - Upper) : u;
    }

    /// <summary>The parameter's value at u, of the parameter's type, rounded for integers and never outside the bounds.</summary>
    public object Decode(double u)
    {
        var x = Math.Clamp(_offset + u * Scale, _lowestValue, _highestValue);
        if (IsInteger)
        {
            x = Math.Clamp(Math.Round(x, MidpointRounding.ToEven), _lowestValue, _highestValue);
        }

        var value = Box(x);
        if (_type == TypeCode.Single && Parameter.Constraints.Check(value) is not null)
        {
            // A double bound such as 0.1 rounds to a float just outside it; step one float inwards.
            var f = (float)x;
            value = f > x ? MathF.BitDecrement(f) : MathF.BitIncrement(f);
        }

        return value;
    }

    public static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private object Box(double x) => _type switch
    {
        TypeCode.SByte => (sbyte)x,
        TypeCode.Byte => (byte)x,
        TypeCode.Int16 => (short)x,
        TypeCode.UInt16 => (ushort)x,
        TypeCode.Int32 => (int)x,
        TypeCode.UInt32 => (uint)x,
        TypeCode.Int64 => x >= 9.2233720368547758E+18 ? long.MaxValue : (long)x,
        TypeCode.UInt64 => x >= 1.8446744073709552E+19 ? ulong.MaxValue : (ulong)x,
        TypeCode.Single => (float)x,
        TypeCode.Decimal => (decimal)x,
        _ => x,
    };

    private static (double Min, double Max) TypeRange(TypeCode type) => type switch
    {
        TypeCode.SByte => (sbyte.MinValue, sbyte.MaxValue),
        TypeCode.Byte => (byte.MinValue, byte.MaxValue),
        TypeCode.Int16 => (short.MinValue, short.MaxValue),
        TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue),
        TypeCode.Int32 => (int.MinValue, int.MaxValue),
        TypeCode.UInt32 => (uint.MinValue, uint.MaxValue),
        TypeCode.Int64 => (long.MinValue, long.MaxValue),
        TypeCode.UInt64 => (ulong.MinValue, ulong.MaxValue),
        TypeCode.Single => (float.MinValue, float.MaxValue),
        TypeCode.Decimal => (-7.9e28, 7.9e28), // just inside decimal's range, which a double cannot hold exactly
        _ => (double.MinValue, double.MaxValue),
    };
}
