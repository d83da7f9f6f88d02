// A class with [Trainable] members and [Bundle] methods, run traced: the generated overloads take and return
// nodes, the trainable values read inside them become inputs, and Backward brings feedback to each of them. A
// [Trainable] method's body is a parameter too: give it a new source and the next call runs it.
using Opto.Examples.TrainableClass;
using Opto.Trace;

var writer = new QuoteWriter { Greeting = "Dear", Discount = 0.1 };

// 1. Plain calls are plain C#: no trace, no cost.
Console.WriteLine($"Plain call: {writer.Letter("Ada", writer.Price(250.0))}");

// 2. The same methods, traced: pass nodes, get nodes.
using (var scope = TraceScope.Begin("quote"))
{
    var price = writer.Price(Node.Input(250.0, "list_price", "The catalogue price."));
    var letter = writer.Letter(Node.Input("Ada", "customer"), price);
    letter.Backward("Too formal, and the price should stay above 230 EUR.");

    Console.WriteLine($"Traced call: {letter.Value}");
    Console.WriteLine();
    Console.WriteLine("The trace as Graphviz DOT:");
    Console.WriteLine(scope.Graph.ToDot());
}

// 3. A [Trainable] method: its source is a code parameter. Setting a new body (what an optimizer does) changes what
//    the traced call and InstallmentsTrained run; the new body is compiled at run time and sandboxed.
Console.WriteLine($"Installments for 1200 EUR: {writer.InstallmentsTrained(1200.0)} (declared body: {writer.InstallmentsMethod.Source})");
writer.InstallmentsMethod.Code.Value = "public int Installments(double price) => price > 1000 ? 12 : 3;";
using (TraceScope.Begin("installments"))
{
    var months = writer.Installments(Node.Input(1200.0, "price"));
    Console.WriteLine($"Installments for 1200 EUR: {writer.InstallmentsTrained(1200.0)} plain, {months.Value} traced (new body: {writer.InstallmentsMethod.Source})");
}

Console.WriteLine();

// 4. The parameters, as an optimizer gets them (no reflection: Parameters() is generated).
Console.WriteLine("Parameters:");
foreach (var parameter in writer.Parameters())
{
    var constraints = parameter.Constraints.Describe();
    Console.WriteLine($"  {parameter.Name} = {ValueFormatter.Format(parameter.BoxedValue)}  ({parameter.Description}" +
        (constraints.Length > 0 ? $"; {constraints}" : string.Empty) + $"; {parameter.Feedback.Count} feedback)");
}

// 5. Save and load them: the method's new body travels with the values.
var file = Path.Combine(Path.GetTempPath(), "opto-quote-writer.json");
writer.SaveParameters(file);
var fresh = new QuoteWriter { Greeting = "Hi", Discount = 0.0 };
var loaded = fresh.LoadParameters(file);
Console.WriteLine();
Console.WriteLine($"Saved to {file}; loaded {loaded.Loaded.Count} values into a new writer: Greeting = \"{fresh.Greeting}\", Discount = {fresh.Discount}, " +
    $"installments for 1200 EUR = {fresh.InstallmentsTrained(1200.0)}");
