using Microsoft.CodeAnalysis.Text;

namespace Opto.Trace.Code;

/// <summary>One thing the sandbox refuses, at a place in the compiled (wrapped) source.</summary>
/// <param name="Span">Where, in the wrapped source.</param>
/// <param name="Subject">What is refused (a type, a member or a language feature); used to report each thing once per line.</param>
/// <param name="Message">The sentence quoted to the optimizer.</param>
internal sealed record SandboxFinding(TextSpan Span, string Subject, string Message);
