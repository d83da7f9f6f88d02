using System.Text;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// A trace rendered as an optimization problem in nine sections: instruction, code, documentation, variables,
/// constraints, inputs, others, outputs and feedback. Building it is linear in the size of the subgraph.
/// </summary>
public sealed class TraceProblem
{
    /// <summary>The section titles, in order.</summary>
    public static IReadOnlyList<string> SectionTitles { get; } =
        ["#Instruction", "#Code", "#Documentation", "#Variables", "#Constraints", "#Inputs", "#Others", "#Outputs", "#Feedback"];

    private const string Empty = "(none)";

    private TraceProblem(string[] sections) => Sections = sections;

    /// <summary>The sections' texts, in the order of <see cref="SectionTitles"/>.</summary>
    public IReadOnlyList<string> Sections { get; }

    /// <summary>What the optimizer is asked to do.</summary>
    public string Instruction => Sections[0];

    /// <summary>One line per operation: <c>result = operation(argument: value, …)</c>.</summary>
    public string Code => Sections[1];

    /// <summary>What each operation does, once per operation.</summary>
    public string Documentation => Sections[2];

    /// <summary>The parameters that may change, as declarations.</summary>
    public string Variables => Sections[3];

    /// <summary>The rules of the variables.</summary>
    public string Constraints => Sections[4];

    /// <summary>Values that cannot change.</summary>
    public string Inputs => Sections[5];

    /// <summary>Intermediate values.</summary>
    public string Others => Sections[6];

    /// <summary>The values that received feedback.</summary>
    public string Outputs => Sections[7];

    /// <summary>The feedback, with each output's name when outputs received different feedback.</summary>
    public string Feedback => Sections[8];

    /// <summary>Renders a subgraph.</summary>
    /// <param name="subgraph">The trace to show (usually <see cref="TraceSubgraph.For(IEnumerable{IParameterNode})"/> of the variables).</param>
    /// <param name="variables">The parameters the optimizer may change; other parameters are shown as inputs.</param>
    /// <param name="instruction">The text of the instruction section.</param>
    /// <param name="maxValueLength">The most characters shown of one value.</param>
    /// <param name="maxCodeLength">The most characters shown of one code parameter.</param>
    /// <param name="maxFeedbackLength">The most characters shown of one feedback text.</param>
    /// <returns>The problem.</returns>
    public static TraceProblem Create(TraceSubgraph subgraph, IEnumerable<IParameterNode> variables, string instruction,
        int maxValueLength = 500, int maxCodeLength = 20_000, int maxFeedbackLength = 4_000)
    {
        ArgumentNullException.ThrowIfNull(subgraph);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(instruction);

        var members = new HashSet<Node>(subgraph.Nodes, ReferenceEqualityComparer.Instance);
        var outputs = new HashSet<Node>(subgraph.Outputs, ReferenceEqualityComparer.Instance);
        var documented = new HashSet<string>(StringComparer.Ordinal);
        StringBuilder code = new(), docs = new(), vars = new(), rules = new(), inputs = new(), others = new(), outs = new();

        // Variables keep the caller's (declaration) order, which stays the same from step to step.
        var chosen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var variable in variables)
        {
            var node = variable as Node ?? throw new ArgumentException($"{variable?.GetType().Name} is not a parameter node.", nameof(variables));
            if (members.Contains(node) && chosen.Add(node))
            {
                var name = subgraph.NameOf(node);
                VariableText.AppendDeclaration(vars, variable, name, maxValueLength, maxCodeLength);
                VariableText.AppendConstraints(rules, variable, name);
            }
        }

        foreach (var node in subgraph.Nodes)
        {
            var name = subgraph.NameOf(node);
            var type = TypeNames.Friendly(node.ValueType);
            if (node.IsRoot)
            {
                // Roots that are not variables (inputs, constants, parameters fixed in this step) cannot change.
                if (!chosen.Contains(node) && !outputs.Contains(node))
                {
                    ValueText.AppendDeclaration(inputs, type, name, node.BoxedValue, maxValueLength);
                }
            }
            else if (!AllParentsIn(node, members))
            {
                // Computed from values outside the view (a side input's own inputs): shown as a given value.
                if (!outputs.Contains(node))
                {
                    ValueText.AppendDeclaration(inputs, type, name, node.BoxedValue, maxValueLength);
                }
            }
            else
            {
                AppendCodeLine(code, subgraph, node, name);
                var documentation = node is ExceptionNode failed ? failed.FailedOperation.Description : node.Description;
                if (!string.IsNullOrWhiteSpace(documentation) && documented.Add(documentation))
                {
                    docs.Append(documentation).Append('\n');
                }

                if (!outputs.Contains(node))
                {
                    ValueText.AppendDeclaration(others, type, name, node.BoxedValue, maxValueLength);
                }
            }

            if (outputs.Contains(node))
            {
                ValueText.AppendDeclaration(outs, type, name, node.BoxedValue, maxValueLength);
            }
        }

        var feedback = new StringBuilder();
        AppendFeedback(feedback, subgraph, maxFeedbackLength);

        return new TraceProblem([instruction.Trim(), Finish(code), Finish(docs), Finish(vars), Finish(rules), Finish(inputs), Finish(others), Finish(outs), Finish(feedback)]);
    }

    /// <summary>The problem as prompt text: each section under its title.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Sections.Sum(s => s.Length + 20));
        AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Appends the prompt text to a builder.</summary>
    /// <param name="sb">The builder.</param>
    public void AppendTo(StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        for (var i = 0; i < Sections.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            sb.Append(SectionTitles[i]).Append('\n').Append(Sections[i]).Append('\n');
        }
    }

    private static void AppendCodeLine(StringBuilder sb, TraceSubgraph subgraph, Node node, string name)
    {
        // Message nodes are named after their operation; an exception node shows the operation that failed.
        var operation = node is ExceptionNode failed ? Identifier(failed.FailedOperation.Name) : node.BaseName;
        sb.Append(name).Append(" = ").Append(operation).Append('(');
        var first = true;
        foreach (var input in node.Inputs)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            sb.Append(input.Name).Append(": ").Append(subgraph.NameOf(input.Node));
        }

        sb.Append(')');
        if (node is ExceptionNode error)
        {
            sb.Append("   // threw ").Append(error.ErrorType);
        }

        sb.Append('\n');
    }

    /// <summary>The feedback section alone.</summary>
    internal static string RenderFeedback(TraceSubgraph subgraph, int maxLength)
    {
        var sb = new StringBuilder();
        AppendFeedback(sb, subgraph, maxLength);
        return Finish(sb);
    }

    private static void AppendFeedback(StringBuilder sb, TraceSubgraph subgraph, int maxLength)
    {
        var records = subgraph.Feedback;
        if (records.Count == 0)
        {
            return;
        }

        var first = records[0].Text;
        if (records.All(r => string.Equals(r.Text, first, StringComparison.Ordinal)))
        {
            sb.Append(ValueFormatter.Format(first.Trim(), maxLength)).Append('\n');
            return;
        }

        // Different feedback for different outputs: each is named, so the optimizer knows which result it concerns.
        sb.Append("Each output received its own feedback:\n");
        foreach (var record in records)
        {
            sb.Append("- ").Append(subgraph.NameOf(record.Output)).Append(": ");
            ValueText.AppendIndented(sb, ValueFormatter.Format(record.Text.Trim(), maxLength), "  ");
            sb.Append('\n');
        }
    }

    private static bool AllParentsIn(Node node, HashSet<Node> members)
    {
        foreach (var parent in node.Parents)
        {
            if (!members.Contains(parent))
            {
                return false;
            }
        }

        return true;
    }

    private static string Identifier(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return sb.ToString();
    }

    private static string Finish(StringBuilder sb) => sb.Length == 0 ? Empty : sb.ToString().TrimEnd('\n');
}
