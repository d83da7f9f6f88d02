namespace Opto.Trace.Generators.Helpers;

/// <summary>Metadata names of the types the generator and analyzers look for.</summary>
internal static class KnownNames
{
    public const string BundleAttribute = "Opto.Trace.BundleAttribute";
    public const string TrainableAttribute = "Opto.Trace.TrainableAttribute";
    public const string TraceModelAttribute = "Opto.Trace.TraceModelAttribute";
    public const string ConstraintAttribute = "Opto.Trace.ConstraintAttribute";

    /// <summary>The runtime half of trainable methods (Opto.Trace.Code); generated code for [Trainable] methods needs it.</summary>
    public const string TrainableMethodType = "Opto.Trace.Code.TrainableMethod`1";

    public const string RangeAttribute = "System.ComponentModel.DataAnnotations.RangeAttribute";
    public const string AllowedValuesAttribute = "System.ComponentModel.DataAnnotations.AllowedValuesAttribute";
    public const string RegularExpressionAttribute = "System.ComponentModel.DataAnnotations.RegularExpressionAttribute";
    public const string MaxLengthAttribute = "System.ComponentModel.DataAnnotations.MaxLengthAttribute";
    public const string StringLengthAttribute = "System.ComponentModel.DataAnnotations.StringLengthAttribute";

    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";

    /// <summary>The public method a generated model exposes so that an enclosing model can list its parameters.</summary>
    public const string CollectParametersMethod = "CollectParameters";

    /// <summary>The name in <c>[GeneratedCode]</c>.</summary>
    public const string GeneratorName = "Opto.Trace.Generators";
}
