using Microsoft.CodeAnalysis;

namespace Opto.Trace.Generators.Diagnostics;

/// <summary>
/// Every diagnostic Opto reports at compile time. Ids are stable and never reused; each has a page
/// docs/analyzers/OPTO000N.md and a line in AnalyzerReleases.*.md. (No help link yet: the repository has no
/// public address to point at.)
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string UsageCategory = "Opto.Trace.Usage";
    public const string HiddenInputCategory = "Opto.Trace.HiddenInput";

    /// <summary>OPTO0001: "The type '{0}' must be declared partial, because it has members generated for [{1}]".</summary>
    public static readonly DiagnosticDescriptor TypeMustBePartial = new(
        id: "OPTO0001",
        title: "Type with generated members must be partial",
        messageFormat: "The type '{0}' must be declared partial, because it has members generated for [{1}]",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The source generator adds members to the class that declares [Bundle], [Trainable] or [TraceModel], and to do that the class and every class that contains it must be partial.");

    /// <summary>OPTO0002: "[{0}] on '{1}' is not supported: {2}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedMember = new(
        id: "OPTO0002",
        title: "Member or signature not supported by the generator",
        messageFormat: "[{0}] on '{1}' is not supported: {2}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator produces nothing for this member, so the attribute would have no effect.");

    /// <summary>OPTO0003: "'{0}' reads '{1}', {2}; the optimizer cannot see it. Pass it as a parameter or make it [Trainable]."</summary>
    public static readonly DiagnosticDescriptor HiddenInput = new(
        id: "OPTO0003",
        title: "Traced method reads state the optimizer cannot see",
        messageFormat: "'{0}' reads '{1}', {2}; the optimizer cannot see it. Pass it as a parameter or make it [Trainable].",
        category: HiddenInputCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A [Bundle] method's output should depend only on its arguments and [Trainable] values. Mutable state read in the body is a hidden input: it is not in the trace, gets no feedback, and makes the optimizer's picture of the operation wrong.");

    /// <summary>OPTO0004: "[Trainable] on method '{0}' has no effect yet: trainable method bodies are not generated yet".</summary>
    public static readonly DiagnosticDescriptor TrainableMethodNotGenerated = new(
        id: "OPTO0004",
        title: "Trainable method bodies are not generated yet",
        messageFormat: "[Trainable] on method '{0}' has no effect yet: trainable method bodies are not generated yet",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "[Trainable] on a method is reserved for making its body a code parameter. Until the generator supports it, use Opto.Trace.Code directly, and [Bundle] to trace the method.");
}
