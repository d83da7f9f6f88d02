// Traces a small quoting workflow, checks its outputs, and sends what was wrong backward to its parameters.
// With an LLM configured (see Opto.Llm: OPTO_LLM_PROVIDER, OPTO_LLM_MODEL, OPTO_LLM_API_KEY, ...; "gguf" runs a
// local model file in-process), OptoPrime then
// rewrites the parameters from that feedback for a few rounds. Without one, it shows the trace as DOT and the
// exact problem OptoPrime would send, and says how to configure a provider.
using Opto.LLamaSharp;
using Opto.Optimizers;
using Opto.Trace;

var discount = new ParameterNode<double>(0.10, "Quote.Discount", "Fraction taken off the list price.",
    ParameterConstraints.Range(0, 0.5));
var greeting = new ParameterNode<string>("Dear customer,", "Quote.Greeting", "First words of every quote.",
    new ParameterConstraints { MaxLength = 60 });
var installments = new ParameterNode<int>(0, "Quote.Installments", "Number of monthly installments.",
    ParameterConstraints.Range(0, 24));
var parameters = new ParameterCollection([discount, greeting, installments]);
var dotPath = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "opto-quote.dot");

var score = RunQuote(dotPath);
Console.WriteLine($"Trace written to {dotPath} (render: dot -Tsvg {dotPath} -o quote.svg)");

if (!LocalLlm.TryCreate(configuration: null, environment: null, out var llm, out var problem))
{
    var prompt = OptoPrime.PreviewPrompt(parameters)!;
    Console.WriteLine($"\nScore {score}/3. This is the problem OptoPrime would send to an LLM:\n");
    Console.WriteLine(prompt.UserMessage);
    Console.WriteLine("No LLM is usable, so the parameters stay as they are.\n" + problem);
    return;
}

var optimizer = new OptoPrime(parameters, llm);
for (var round = 1; round <= 5 && score < 3; round++)
{
    var step = await optimizer.StepAsync();
    Console.WriteLine($"round {round}: {step}");
    optimizer.ZeroFeedback();
    score = RunQuote(dotPath);
}

Console.WriteLine($"Final score {score}/3: discount {discount.Value}, greeting \"{greeting.Value}\", installments {installments.Value}");

// One traced run: three checks, each failing check becomes feedback on the output it concerns.
int RunQuote(string dot)
{
    using var scope = TraceScope.Begin("quote");
    var listPrice = Node.Input(250.0, "list_price", "The catalogue price in EUR.");
    var price = listPrice * (1.0 - discount);
    var letter = Node.Format("{0} your price is {1:0.00} EUR for Ada Lovelace.", greeting, price);
    var feedback = new List<(Node, string)>();
    var passed = 0;

    try
    {
        _ = Node.Input(250, "list_price_whole") / installments; // monthly amount: throws while installments is 0
        passed++;
    }
    catch (TraceExecutionException ex)
    {
        feedback.Add((ex.Node, ex.Node.FeedbackText));
    }

    if (price.Value >= 230)
    {
        passed++;
    }
    else
    {
        feedback.Add((price, $"The price is {price.Value:0.00} EUR; it must stay at or above 230 EUR."));
    }

    if (letter.Value.StartsWith("Dear Ada", StringComparison.Ordinal))
    {
        passed++;
    }
    else
    {
        feedback.Add((letter, "The letter must open with the customer's name: \"Dear Ada Lovelace,\"."));
    }

    if (feedback.Count > 0)
    {
        Backward.Run(feedback);
    }

    Console.WriteLine($"Traced {scope.Graph.Count} nodes; checks passed: {passed}/3; letter: \"{letter.Value}\"");
    File.WriteAllText(dot, scope.Graph.ToDot());
    return passed;
}
