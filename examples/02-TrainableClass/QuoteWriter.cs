using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Opto.Trace;

namespace Opto.Examples.TrainableClass;

/// <summary>
/// An ordinary class: the attributes are all it takes. The generator adds a traced overload of each [Bundle]
/// method, a parameter node behind each [Trainable] value, a code parameter behind the [Trainable] method, and
/// Parameters() / SaveParameters / LoadParameters.
/// </summary>
[TraceModel]
public partial class QuoteWriter
{
    /// <summary>First line of every quote.</summary>
    [Trainable, MaxLength(40)]
    public partial string Greeting { get; set; }

    /// <summary>Fraction taken off the list price.</summary>
    [Trainable, Range(0.0, 0.5)]
    public partial double Discount { get; set; }

    /// <summary>How the letter ends.</summary>
    [Trainable, Constraint("Friendly, and no longer than a few words.")]
    private readonly string _closing = "Kind regards";

    /// <summary>Applies the discount to a list price.</summary>
    [Bundle]
    public double Price(double listPrice) => Math.Round(listPrice * (1.0 - Discount), 2);

    /// <summary>How many monthly installments to offer for a price.</summary>
    [Trainable, Constraint("Between 1 and 24.")]
    public int Installments(double price) => price > 1000 ? 6 : 3;

    /// <summary>Writes the quote letter for a customer.</summary>
    [Bundle]
    public string Letter(string customer, double price) =>
        string.Create(CultureInfo.InvariantCulture, $"{Greeting} {customer}, your price is {price:0.00} EUR. {Closing}");
}
