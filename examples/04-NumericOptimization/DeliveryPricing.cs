using System.ComponentModel.DataAnnotations;
using Opto.Trace;

namespace Opto.Examples.NumericOptimization;

/// <summary>A delivery from the courier's records.</summary>
/// <param name="Km">The distance driven.</param>
/// <param name="Kg">The parcel's weight.</param>
public sealed record Delivery(double Km, double Kg);

/// <summary>A price formula with three unknown numbers, to be fitted to what the courier actually charged.</summary>
[TraceModel]
public partial class DeliveryPricing
{
    /// <summary>The fixed fee of every delivery, in EUR.</summary>
    [Trainable, Range(0.0, 20.0)]
    public partial double BaseFee { get; set; }

    /// <summary>The price per kilometre, in EUR.</summary>
    [Trainable, Range(0.0, 3.0)]
    public partial double PerKm { get; set; }

    /// <summary>The price per kilogram, in EUR.</summary>
    [Trainable, Range(0.0, 3.0)]
    public partial double PerKg { get; set; }

    /// <summary>Quotes the price of a delivery: the fee, plus distance and weight at their rates.</summary>
    [Bundle]
    public double Quote(Delivery delivery) => BaseFee + PerKm * delivery.Km + PerKg * delivery.Kg;
}
