using System.Text;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// TextGrad-style optimization in two calls per parameter: first the LLM reads the parameter's trace and feedback
/// and writes a critique (a textual gradient) without proposing a value; then a second call, shown only the
/// variable, its rules and the critique, writes the new value. All critiques are computed against the values the
/// program ran with; the new values are applied together at the end of the step.
/// </summary>
public sealed class TextGradOptimizer : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to optimize (only trainable ones change).</param>
    /// <param name="chatClient">The LLM.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public TextGradOptimizer(IEnumerable<IParameterNode> parameters, IChatClient chatClient, TextGradOptions? options = null)
        : base(parameters, chatClient, options ?? new TextGradOptions())
    {
        Options = (TextGradOptions)BaseOptions;
        Objective = Options.Objective ?? PromptText.CritiqueObjective;
    }

    /// <summary>The settings.</summary>
    public TextGradOptions Options { get; }

    /// <summary>The instruction shown with the trace when asking for a critique.</summary>
    public string Objective { get; set; }

    /// <inheritdoc />
    protected override async Task RunStepAsync(StepRecorder recorder, CancellationToken cancellationToken)
    {
        var variables = ParametersWithFeedback();
        if (variables.Count == 0)
        {
            recorder.NoOpReason = OptoPrime.NoFeedbackReason;
            return;
        }

        var resolutions = new List<Resolution>(variables.Count);
        foreach (var parameter in variables)
        {
            var subgraph = TraceSubgraph.For(parameter);
            var name = subgraph.NameOf((Node)parameter);
            var problem = TraceProblem.Create(subgraph, [parameter], Objective, Options.MaxValueLength, Options.MaxCodeLength, Options.MaxFeedbackLength);

            var critiqueMessages = new List<ChatMessage>
            {
                new(ChatRole.System, PromptText.CritiqueSystem()),
                new(ChatRole.User, $"{problem}\n{PromptText.CritiqueRequest(name)}"),
            };
            var (critique, exchange) = await SendAsync(recorder, $"critique of {name}", critiqueMessages, ChatOptionsFor(schema: null), cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(critique))
            {
                recorder.Reject(new RejectedUpdate(name, "", "the critique was empty, so there was nothing to apply", exchange));
                continue;
            }

            var resolver = ResolverFor([KeyValuePair.Create(name, parameter)], subgraph);
            var applyMessages = new List<ChatMessage>
            {
                new(ChatRole.System, PromptText.ApplyCritiqueSystem(Options.UseJsonSchema)),
                new(ChatRole.User, ApplyMessage(parameter, name, critique.Trim())),
            };
            resolutions.Add(await AskForSuggestionsAsync(recorder, $"apply critique to {name}", applyMessages, resolver, SuggestionChatOptions(resolver), cancellationToken).ConfigureAwait(false));
        }

        foreach (var resolution in resolutions)
        {
            Apply(recorder, resolution);
        }
    }

    private string ApplyMessage(IParameterNode parameter, string name, string critique)
    {
        var sb = new StringBuilder(512);
        sb.Append("#Variables\n");
        VariableText.AppendDeclaration(sb, parameter, name, Options.MaxValueLength, Options.MaxCodeLength);
        var rules = new StringBuilder();
        VariableText.AppendConstraints(rules, parameter, name);
        sb.Append("\n#Constraints\n").Append(rules.Length == 0 ? "(none)\n" : rules.ToString());
        sb.Append("\n#Critique\n").Append(critique).Append("\n\n#Instruction\n").Append(PromptText.ApplyRequest(name)).Append("\n\n").Append(PromptText.AnswerPrompt);
        return sb.ToString();
    }
}
