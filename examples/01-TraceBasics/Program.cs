// Traces a small quoting workflow, gives its outputs feedback, and shows what an optimizer would be shown:
// the subgraph behind each parameter, and the whole trace as Graphviz DOT.
using Opto.Trace;

var discount = new ParameterNode<double>(0.10, "Quote.Discount", "Fraction taken off the list price.",
    ParameterConstraints.Range(0, 0.5));
var greeting = new ParameterNode<string>("Dear customer,", "Quote.Greeting", "First line of every quote.");
var divisor = new ParameterNode<int>(0, "Quote.Installments", "Number of monthly installments.");

var output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "opto-trace-basics.dot");

using (var scope = TraceScope.Begin("quote"))
{
    var listPrice = Node.Input(250.0, "list_price", "The catalogue price.");
    var price = listPrice * (1.0 - discount);
    var letter = Node.Format("{0} your price is {1:0.00} EUR.", greeting, price);

    // A traced failure is a node too: its feedback names the error for the optimizer.
    FeedbackRecord? failure = null;
    try
    {
        _ = Node.Input(225) / divisor;
    }
    catch (TraceExecutionException ex)
    {
        failure = ex.Node.Backward(ex.Node.FeedbackText);
    }

    Backward.Run([
        (price, "The price must stay above 230 EUR: the discount is too generous."),
        (letter, "Address the customer by name and keep it under 60 characters."),
    ]);

    Console.WriteLine($"Traced {scope.Graph.Count} nodes; letter = \"{letter.Value}\"");
    foreach (var parameter in new IParameterNode[] { discount, greeting, divisor })
    {
        var view = TraceSubgraph.For(parameter);
        Console.WriteLine();
        Console.WriteLine($"{parameter.Name} = {ValueFormatter.Format(parameter.BoxedValue)}  ({view.Nodes.Count} nodes in its view)");
        foreach (var record in view.Feedback)
        {
            Console.WriteLine($"  feedback on {view.NameOf(record.Output)}: {record.Text.Split('\n')[0]}");
        }
    }

    File.WriteAllText(output, scope.Graph.ToDot());
    Console.WriteLine();
    Console.WriteLine($"Graph written to {output} (render it with: dot -Tsvg {output} -o trace.svg)");
    Console.WriteLine(failure is null ? "No failure was traced." : $"The failure reached {failure.Nodes.Count - 1} input node(s).");
}
