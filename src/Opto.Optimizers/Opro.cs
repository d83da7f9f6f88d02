using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// OPRO-style optimization: the prompt leaves out the trace and shows the values tried so far with the feedback
/// (or score) each earned, then asks for values that should do better. Each step adds the current values and
/// their feedback as a trial. Answers go through the same parsing, conversion, validation and re-ask as
/// <see cref="OptoPrime"/>.
/// </summary>
public sealed class Opro : Optimizer
{
    private readonly List<OproTrial> _trials = [];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to optimize (only trainable ones change).</param>
    /// <param name="chatClient">The LLM.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public Opro(IEnumerable<IParameterNode> parameters, IChatClient chatClient, OproOptions? options = null)
        : base(parameters, chatClient, options ?? new OproOptions())
    {
        Options = (OproOptions)BaseOptions;
        Objective = Options.Objective ?? PromptText.OproObjective;
    }

    /// <summary>The settings.</summary>
    public OproOptions Options { get; }

    /// <summary>The instruction's text.</summary>
    public string Objective { get; set; }

    /// <summary>The trials the next prompt will show, oldest first.</summary>
    public IReadOnlyList<OproTrial> Trials => [.. _trials];

    /// <inheritdoc />
    protected override async Task RunStepAsync(StepRecorder recorder, CancellationToken cancellationToken)
    {
        var variables = ParametersWithFeedback();
        if (variables.Count == 0)
        {
            recorder.NoOpReason = OptoPrime.NoFeedbackReason;
            return;
        }

        // The subgraph is used only for the feedback and for collision-free names.
        var subgraph = TraceSubgraph.For(variables);
        var named = variables.Select(v => KeyValuePair.Create(subgraph.NameOf((Node)v), v)).ToArray();
        var feedback = TraceProblem.RenderFeedback(subgraph, Options.MaxFeedbackLength);
        var values = new StringBuilder();
        foreach (var (name, parameter) in named)
        {
            ValueText.AppendDeclaration(values, parameter.IsCode ? ValueText.CodeType : TypeNames.Friendly(parameter.ValueType), name, parameter.BoxedValue,
                parameter.IsCode ? Options.MaxCodeLength : Options.MaxValueLength);
        }

        _trials.Add(new OproTrial(recorder.Number, values.ToString().TrimEnd('\n'), feedback, Options.ScoreOf?.Invoke(feedback)));
        if (_trials.Count > Options.HistorySize)
        {
            _trials.RemoveRange(0, _trials.Count - Options.HistorySize);
        }

        var resolver = ResolverFor(named, subgraph);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, PromptText.OproSystem(Options.UseJsonSchema)),
            new(ChatRole.User, BuildUserMessage(named)),
        ];
        var resolution = await AskForSuggestionsAsync(recorder, "propose", messages, resolver, SuggestionChatOptions(resolver), cancellationToken).ConfigureAwait(false);
        Apply(recorder, resolution);
    }

    private string BuildUserMessage(KeyValuePair<string, IParameterNode>[] named)
    {
        var sb = new StringBuilder(1024);
        sb.Append("#Instruction\n").Append(Objective.Trim()).Append("\n\n#Variables\n");
        foreach (var (name, parameter) in named)
        {
            VariableText.AppendDeclaration(sb, parameter, name, Options.MaxValueLength, Options.MaxCodeLength);
        }

        var rules = new StringBuilder();
        foreach (var (name, parameter) in named)
        {
            VariableText.AppendConstraints(rules, parameter, name);
        }

        sb.Append("\n#Constraints\n").Append(rules.Length == 0 ? "(none)\n" : rules.ToString());
        sb.Append("\n#Trials\n");

        IEnumerable<OproTrial> trials = _trials;
        if (Options.ScoreOf is not null)
        {
            trials = trials.OrderBy(t => t.Score ?? double.NegativeInfinity); // stable: equal scores keep their order
        }

        foreach (var trial in trials)
        {
            sb.Append("Trial from step ").Append(trial.Step.ToString(CultureInfo.InvariantCulture));
            if (trial.Step == _trials[^1].Step)
            {
                sb.Append(" (the current values)");
            }

            sb.Append('\n').Append(trial.Values).Append('\n');
            if (trial.Score is { } score)
            {
                sb.Append("Score: ").Append(score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }

            sb.Append("Feedback: ");
            ValueText.AppendIndented(sb, trial.Feedback, "  ");
            sb.Append("\n\n");
        }

        sb.Append(PromptText.AnswerPrompt);
        return sb.ToString();
    }
}
