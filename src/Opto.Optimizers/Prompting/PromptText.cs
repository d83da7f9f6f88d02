using System.Text;

namespace Opto.Optimizers;

/// <summary>The wording of the optimizers' prompts, in one place so that it can be read (and reviewed) as a whole.</summary>
internal static class PromptText
{
    public const string DefaultObjective =
        "Change the values in #Variables so that #Outputs earn better #Feedback.";

    public const string SectionGuide = """
        The problem is given in these sections:
        #Instruction: your task.
        #Code: the operations that ran, in order, one per line, written as `result = operation(argument: value, ...)`. Each name stands for a value listed in #Variables, #Inputs, #Others or #Outputs.
        #Documentation: what each operation in #Code does. It may be incomplete; #Others shows what the operations actually produced.
        #Variables: the values you may change, one declaration `type name = value` each. A `//` line above a declaration describes it. Type `code` means the value is the C# source of a method.
        #Constraints: rules a new value must satisfy.
        #Inputs: values the program was given or computed outside this view; you cannot change them.
        #Others: values computed along the way.
        #Outputs: the results the feedback is about.
        #Feedback: what is good or bad about #Outputs.
        Text is written in double quotes, or between lines of three or more double quotes when it spans lines or contains quotes. Long values are shortened; a mark such as …(+120 chars) tells how much was left out.
        """;

    public const string OptoPrimeIntro = """
        You are the optimizer of a program. The program ran, every operation it performed was traced, and its outputs received feedback. You change the program's trainable variables so that its outputs earn better feedback.
        """;

    public const string OproIntro = """
        You search for better values of a few variables. You see the values tried so far and the feedback each earned. Propose new values that should earn better feedback than every earlier trial; do not repeat a trial.
        Each variable is written as a declaration `type name = value`; a `//` line above it describes it, and type `code` means the value is the C# source of a method. Text is written in double quotes, or between lines of three or more double quotes when it spans lines or contains quotes.
        """;

    public const string OproObjective = "Find values for #Variables that earn better feedback than every trial in #Trials.";

    public const string CritiqueObjective = "Work out how the value in #Variables led to the #Feedback on #Outputs.";

    public const string CritiqueIntro = """
        You review one variable of a program. The program ran, every operation it performed was traced, and its outputs received feedback. Explain what about the variable's current value led to that feedback and how the value should change. Be specific and brief. Do not write the new value itself.
        """;

    public const string ApplyCritiqueIntro = """
        You improve one variable of a program. You are given its current value, its rules and a critique of it; write a new value that answers the critique.
        The variable is written as a declaration `type name = value`; a `//` line above it describes it, and type `code` means the value is the C# source of a method.
        """;

    public const string JudgeIntro = """
        You compare candidate answers to an optimization problem and pick the one most likely to make the outputs earn better feedback. Reply with one JSON object and nothing else, for example
        {"reasoning": "Candidate 2 fixes the cause named in the feedback; candidate 1 does not.", "choice": 2}
        "choice" is the number of the best candidate.
        """;

    /// <summary>How to answer with a suggestion; the example is valid JSON (the reference's was not).</summary>
    public static string AnswerFormat(bool schema) => $$$"""
        How to answer: reply with one JSON object and nothing else, for example
        {"reasoning": "The output is 8 but should be 10. It equals 2 * x, so x must grow from 4 to 5.", "suggestion": {"x": 5}}
        - "reasoning": brief: what the feedback asks for, how the variables produced the outputs, and why your change helps.
        - "suggestion": maps the names of the variables you change, exactly as written in #Variables, to their new values. Leave out variables you keep.
        - Write each new value as JSON of the variable's type: a number for numbers (a whole number for integer types), true or false for bool, an array for a list, an object for a dictionary, a string for text. For a `code` variable write one string with the complete new C# method, keeping its name and signature.
        {{{(schema ? "- If nothing should change, give an empty \"suggestion\" object." : "- If nothing should change, reply with the single word TERMINATE.")}}}
        """;

    public static string OptoPrimeSystem(bool schema) =>
        string.Join("\n\n", OptoPrimeIntro, SectionGuide, AnswerFormat(schema));

    public static string OproSystem(bool schema) =>
        string.Join("\n\n", OproIntro, AnswerFormat(schema));

    public static string CritiqueSystem() => string.Join("\n\n", CritiqueIntro, SectionGuide);

    public static string ApplyCritiqueSystem(bool schema) => string.Join("\n\n", ApplyCritiqueIntro, AnswerFormat(schema));

    public const string ProblemOpening = "Solve this problem.";

    public const string AnswerPrompt = "Your answer:";

    public static string Reask(IEnumerable<string> problems)
    {
        var sb = new StringBuilder("Your answer could not be used:\n");
        foreach (var problem in problems)
        {
            sb.Append("- ").Append(problem).Append('\n');
        }

        sb.Append("Reply again with the complete JSON object described above. Use only the names listed in #Variables, and write each value as JSON of the variable's type.");
        return sb.ToString();
    }

    public const string MemoryOpening = "Earlier steps, oldest first: the variables as they were then and the feedback they earned.";

    public static string CritiqueRequest(string name) => $"Write your critique of the variable {name}.";

    public static string ApplyRequest(string name) => $"Write a new value for {name} that answers #Critique.";
}
