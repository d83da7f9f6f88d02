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
    public const string TrainableCodeCategory = "Opto.Trace.TrainableCode";

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

    // OPTO0004 ("trainable method bodies are not generated yet") is retired: they are generated now. The id is not reused.

    /// <summary>OPTO0005: "[Trainable] on method '{0}' needs Opto.Trace.Code, which compiles and runs rewritten bodies; add a reference to it (nothing is generated for this method until then)".</summary>
    public static readonly DiagnosticDescriptor TrainableMethodNeedsCodeLibrary = new(
        id: "OPTO0005",
        title: "Trainable methods need Opto.Trace.Code",
        messageFormat: "[Trainable] on method '{0}' needs Opto.Trace.Code, which compiles and runs rewritten bodies; add a reference to it (nothing is generated for this method until then)",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The code generated for a [Trainable] method uses TrainableMethod<TDelegate> and CodeParameter from the Opto.Trace.Code library. Without a reference to it the generator emits nothing for the method, so that the build fails here with this message rather than in generated code.");

    /// <summary>OPTO0006: "'{0}' uses '{1}', {2}; a rewritten body is compiled on its own and cannot see it. Pass it as a parameter or write it inside the method."</summary>
    public static readonly DiagnosticDescriptor TrainableMethodNotSelfContained = new(
        id: "OPTO0006",
        title: "Trainable method body depends on code a rewritten body cannot see",
        messageFormat: "'{0}' uses '{1}', {2}; a rewritten body is compiled on its own and cannot see it. Pass it as a parameter or write it inside the method.",
        category: TrainableCodeCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The source of a [Trainable] method is its code parameter. Every version of it is compiled at run time on its own, in a sandbox: it sees its parameters, the types of its signature, what it declares itself and the part of the .NET library the sandbox allows. The object it belongs to, the other members of its class and the other types of the project are not there, so a body that uses them fails to compile at run time, and an optimizer that imitates it fails too.");
}
