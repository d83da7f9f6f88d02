using System.Globalization;
using System.Text;

namespace Opto.Trace;

/// <summary>
/// Renders nodes as Graphviz DOT: parameters as pink boxes, exceptions in red, other nodes as blue ellipses,
/// edges from inputs to the operations that used them, and feedback as notes on the outputs.
/// </summary>
public static class DotRenderer
{
    /// <summary>Renders the given nodes and the feedback given to any of them.</summary>
    /// <param name="nodes">The nodes, in any order (they are drawn in creation order).</param>
    /// <param name="feedback">Feedback records whose outputs are among <paramref name="nodes"/>.</param>
    /// <param name="options">How to render.</param>
    /// <param name="nameOf">How to name nodes; their own names when omitted.</param>
    /// <returns>The DOT text.</returns>
    public static string Render(IEnumerable<Node> nodes, IEnumerable<FeedbackRecord>? feedback = null, DotOptions? options = null, Func<Node, string>? nameOf = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        options ??= new DotOptions();
        nameOf ??= static n => n.Name;
        var ordered = nodes.Distinct(ReferenceEqualityComparer.Instance).Cast<Node>().OrderBy(n => n.Sequence).ToArray();
        var members = new HashSet<Node>(ordered, ReferenceEqualityComparer.Instance);

        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(options.GraphName)).Append(" {\n");
        sb.Append("  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var node in ordered)
        {
            sb.Append("  ").Append(Quote(nameOf(node))).Append(" [label=").Append(Quote(Label(node, nameOf(node), options)))
              .Append(", ").Append(Style(node)).Append("];\n");
        }

        foreach (var node in ordered)
        {
            foreach (var parent in node.ParentArray.Distinct(ReferenceEqualityComparer.Instance).Cast<Node>())
            {
                if (members.Contains(parent))
                {
                    sb.Append("  ").Append(Quote(nameOf(parent))).Append(" -> ").Append(Quote(nameOf(node))).Append(";\n");
                }
            }
        }

        if (options.ShowFeedback && feedback is not null)
        {
            var index = 0;
            foreach (var record in feedback)
            {
                if (!members.Contains(record.Output))
                {
                    continue;
                }

                var id = "feedback#" + index++.ToString(CultureInfo.InvariantCulture); // '#' never occurs in node names
                sb.Append("  ").Append(Quote(id)).Append(" [label=").Append(Quote("feedback: " + Cut(record.Text, options.MaxTextLength)))
                  .Append(", shape=note, style=filled, fillcolor=\"#FFF7D6\", color=\"#C9A227\"];\n");
                sb.Append("  ").Append(Quote(nameOf(record.Output))).Append(" -> ").Append(Quote(id)).Append(" [style=dashed];\n");
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Label(Node node, string name, DotOptions options)
    {
        var sb = new StringBuilder(name);
        if (options.ShowDescriptions && !string.IsNullOrWhiteSpace(node.Description))
        {
            sb.Append('\n').Append(Cut(node.Description!, options.MaxTextLength));
        }

        sb.Append('\n').Append(ValueFormatter.Format(node.BoxedValue, options.MaxTextLength));
        return sb.ToString();
    }

    private static string Style(Node node) => node.Kind switch
    {
        NodeKind.Parameter => "shape=box, style=filled, fillcolor=\"#FFE5E5\", color=\"#FF7E79\"",
        NodeKind.Exception => "shape=ellipse, style=filled, fillcolor=\"#FFD6D6\", color=\"firebrick1\"",
        _ => "shape=ellipse, style=filled, fillcolor=\"#DEEBF6\", color=\"#5C9BD5\"",
    };

    private static string Cut(string text, int max) => ValueFormatter.Format(text, max);

    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }
}
