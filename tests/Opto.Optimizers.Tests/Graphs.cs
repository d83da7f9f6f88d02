using Opto.Trace;

namespace Opto.Optimizers.Tests;

/// <summary>Small traced programs, run to the point where their parameters hold feedback.</summary>
internal static class Graphs
{
    /// <summary>y = a * x + b, with feedback on y.</summary>
    public static (ParameterNode<double> A, ParameterNode<double> B) Numbers()
    {
        var a = new ParameterNode<double>(2.0, "a", "The slope.", ParameterConstraints.Range(0, 10));
        var b = new ParameterNode<double>(1.0, "b");
        using var scope = TraceScope.Begin();
        var x = Node.Input(3.0, "x");
        var y = a * x + b;
        y.Backward("The result should be 10, but it is 7.");
        return (a, b);
    }

    /// <summary>A greeting built from a prompt parameter and a multi-line instruction parameter.</summary>
    public static (ParameterNode<string> Greeting, ParameterNode<string> Instructions) Text()
    {
        var greeting = new ParameterNode<string>("Hi", "greeting", "The opening word of every reply.", new ParameterConstraints { MaxLength = 40 });
        var instructions = new ParameterNode<string>("Be brief.\nNever say \"sorry\".", "instructions", "Rules the assistant follows.");
        using var scope = TraceScope.Begin();
        var customer = Node.Input("Ada Lovelace", "customer");
        var opening = greeting + " " + customer + "!";
        var message = Node.Format("{0}\n\n{1}", instructions, opening);
        message.Backward("Too informal for a bank: greet formally and use the customer's full name.");
        return (greeting, instructions);
    }

    public static readonly Operation RouteOperation = new(
        "Route",
        "Chooses the team that should handle a ticket.",
        ["ticket"],
        sourceText: "public string Route(string ticket) =>\n    ticket.Contains(\"refund\") ? \"billing\" : \"support\";");

    /// <summary>A trainable method body (a code parameter) read by the operation that runs it.</summary>
    public static ParameterNode<string> Code()
    {
        var route = new ParameterNode<string>(
            "/// Routes a ticket.\npublic string Route(string ticket) =>\n    ticket.Contains(\"refund\") ? \"billing\" : \"support\";",
            "Route",
            "The body of Route, which picks a team for a ticket.")
        { IsCode = true };
        using var scope = TraceScope.Begin();
        var ticket = Node.Input("I want my money back", "ticket");
        var routed = Bundle.Invoke(RouteOperation, ticket, t =>
        {
            _ = route.Value; // reading the code parameter makes it an input of the operation
            return t.Contains("refund", StringComparison.Ordinal) ? "billing" : "support";
        });
        routed.Backward("Expected billing, got support: \"money back\" is a refund request too.");
        return route;
    }

    /// <summary>An integer division that throws, with feedback on the exception node.</summary>
    public static ParameterNode<int> Exception()
    {
        var groups = new ParameterNode<int>(0, "groups", "How many groups to split the total into.", ParameterConstraints.Range(0, 100));
        using var scope = TraceScope.Begin();
        var total = Node.Input(10, "total");
        var perGroup = Node.Input(0, "unused");
        try
        {
            perGroup = total / groups;
        }
        catch (TraceExecutionException ex)
        {
            ex.Node.Backward("The division failed with DivideByZeroException: groups must not be zero.");
        }

        GC.KeepAlive(perGroup);
        return groups;
    }

    /// <summary>Lists: a list parameter indexed, and a list built from nodes with Node.List, then joined.</summary>
    public static (ParameterNode<List<string>> Tags, ParameterNode<string> Keyword) Containers()
    {
        var tags = new ParameterNode<List<string>>(["urgent", "billing"], "tags", "Labels attached to the ticket, most specific first.");
        var keyword = new ParameterNode<string>("refund", "keyword");
        using var scope = TraceScope.Begin();
        var words = Node.List<string>(keyword, Node.Input("invoice", "extra"));
        var joined = Node.Join(", ", words);
        var label = tags.At(0);
        var summary = label + ": " + joined;
        summary.Backward("The summary should start with the most specific label, billing.");
        return (tags, keyword);
    }

    /// <summary>One parameter feeding two outputs that receive different feedback in one Backward.Run.</summary>
    public static ParameterNode<string> SeveralOutputs()
    {
        var prefix = new ParameterNode<string>("Answer:", "prefix", "Put before every answer.");
        using var scope = TraceScope.Begin();
        var english = Node.Format("{0} {1}", prefix, Node.Input("4", "result"));
        var french = Node.Format("{0} {1}", prefix, Node.Input("quatre", "result"));
        Backward.Run([(english, "Good."), (french, "Wrong language: the prefix must be in French for French answers.")]);
        return prefix;
    }

    /// <summary>A minibatch: the same parameter in two examples, each traced in its own scope with its own feedback.</summary>
    public static ParameterNode<double> Minibatch()
    {
        var scale = new ParameterNode<double>(2.0, "scale", "Multiplies every input.");
        foreach (var (x, target) in new[] { (1.0, 3.0), (2.0, 6.0) })
        {
            using var scope = TraceScope.Begin();
            var y = scale * Node.Input(x, "x");
            y.Backward($"expected {target}, got {y.Value}");
        }

        return scale;
    }

    /// <summary>A chain of about <paramref name="nodes"/> nodes from one parameter, for timing.</summary>
    public static ParameterNode<double> Chain(int nodes)
    {
        var p = new ParameterNode<double>(1.0, "p", "The start of a long chain.");
        using var scope = TraceScope.Begin();
        Node<double> y = p;
        for (var i = 0; i < nodes / 4; i++) // four nodes per round: constant, multiply, input, add
        {
            y = (y * 1.01) + Node.Input((double)i, "offset");
        }

        y.Backward("The chain's result is too small.");
        return p;
    }
}
