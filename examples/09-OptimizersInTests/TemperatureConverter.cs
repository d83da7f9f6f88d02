using Opto.Trace;

namespace Opto.Examples.OptimizersInTests;

/// <summary>
/// The workflow under test: converts Celsius to Fahrenheit with two trainable numbers that start out wrong. Built
/// from parameter nodes and traced operators, so the optimizer sees the formula and each intermediate value.
/// </summary>
public sealed class TemperatureConverter
{
    /// <summary>Degrees Fahrenheit per degree Celsius.</summary>
    public ParameterNode<double> Scale { get; } = new(1.0, "Scale", "Degrees Fahrenheit per degree Celsius.", ParameterConstraints.Range(0, 10));

    /// <summary>Degrees Fahrenheit at 0 °C.</summary>
    public ParameterNode<double> Offset { get; } = new(0.0, "Offset", "Degrees Fahrenheit at 0 degrees Celsius.", ParameterConstraints.Range(-100, 100));

    /// <summary>The two parameters, for an optimizer.</summary>
    public ParameterCollection Parameters => new([Scale, Offset]);

    /// <summary>Converts one temperature, traced.</summary>
    public Node<double> ToFahrenheit(double celsius) => Node.Input(celsius, "celsius", "A temperature in degrees Celsius.") * Scale + Offset;
}
