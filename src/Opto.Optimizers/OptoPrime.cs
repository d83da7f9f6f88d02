using System.Text;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// OptoPrime: one LLM call per step over the whole trace. The trainable parameters that hold feedback, the
/// subgraph that links them to the outputs, the intermediate values, the operations' documentation and the
/// feedback are rendered as a nine-section problem; the answer is a JSON object of new values, parsed
/// tolerantly, converted to each parameter's type and checked against its constraints. An unusable answer gets
/// one re-ask that quotes the problems; if it is still unusable the step is recorded as a no-op with the reason.
/// Feedback from several outputs, scopes or examples (a minibatch) is shown together, each output with its own.
/// </summary>
public class OptoPrime : Optimizer
{
    private readonly Queue<(string Variables, string Feedback)> _memory = new();

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to optimize (only trainable ones change).</param>
    /// <param name="chatClient">The LLM.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public OptoPrime(IEnumerable<IParameterNode> parameters, IChatClient chatClient, OptoPrimeOptions? options = null)
        : base(parameters, chatClient, options ?? new OptoPrimeOptions())
    {
        Options = (OptoPrimeOptions)BaseOptions;
        Objective = Options.Objective ?? PromptText.DefaultObjective;
    }

    /// <summary>The settings.</summary>
    public OptoPrimeOptions Options { get; }

    /// <summary>The instruction section's text; change it between steps to steer the optimizer (e.g. add a hint).</summary>
    public string Objective { get; set; }

    /// <summary>
    /// Builds the prompt OptoPrime would send for the feedback the parameters hold now, with no LLM at all — to show
    /// an offline user what an optimizer would be asked, or to log and measure it.
    /// </summary>
    /// <param name="parameters">The parameters, as for the constructor.</param>
    /// <param name="options">The settings, as for the constructor.</param>
    /// <returns>The prompt, or <see langword="null"/> when no trainable parameter holds feedback.</returns>
    /// <exception cref="ArgumentException">No parameter is trainable, or an option is out of range.</exception>
    public static OptoPrimePrompt? PreviewPrompt(IEnumerable<IParameterNode> parameters, OptoPrimeOptions? options = null)
    {
        using var unused = new NoLlm();
        return new OptoPrime(parameters, unused, options).BuildPrompt();
    }

    /// <summary>
    /// Builds the prompt for the feedback the parameters hold now, without calling the LLM (to inspect it, log it
    /// or measure it).
    /// </summary>
    /// <returns>The prompt, or <see langword="null"/> when no trainable parameter holds feedback.</returns>
    public OptoPrimePrompt? BuildPrompt()
    {
        var variables = ParametersWithFeedback();
        if (variables.Count == 0)
        {
            return null;
        }

        var subgraph = TraceSubgraph.For(variables);
        var problem = TraceProblem.Create(subgraph, variables, Objective, Options.MaxValueLength, Options.MaxCodeLength, Options.MaxFeedbackLength);

        var user = new StringBuilder(1024);
        AppendMemory(user);
        user.Append(PromptText.ProblemOpening).Append("\n\n");
        problem.AppendTo(user);
        user.Append('\n').Append(PromptText.AnswerPrompt);

        var system = Options.SystemPrompt ?? PromptText.OptoPrimeSystem(Options.UseJsonSchema);
        return new OptoPrimePrompt(system, user.ToString(), problem, subgraph, variables);
    }

    /// <inheritdoc />
    protected override async Task RunStepAsync(StepRecorder recorder, CancellationToken cancellationToken)
    {
        if (BeginStep(recorder) is not var (prompt, resolver))
        {
            return;
        }

        var options = SuggestionChatOptions(resolver);
        var resolution = await AskForSuggestionsAsync(recorder, "propose", prompt.ToMessages(), resolver, options, cancellationToken).ConfigureAwait(false);
        Apply(recorder, resolution);
    }

    /// <summary>
    /// Builds the problem, remembers it and prepares the resolver for the answer; records a no-op and returns
    /// <see langword="null"/> when no parameter holds feedback.
    /// </summary>
    private protected (OptoPrimePrompt Prompt, SuggestionResolver Resolver)? BeginStep(StepRecorder recorder)
    {
        var prompt = BuildPrompt();
        if (prompt is null)
        {
            recorder.NoOpReason = NoFeedbackReason;
            return null;
        }

        Remember(prompt.Problem);
        return (prompt, ResolverFor(Named(prompt), prompt.Subgraph));
    }

    internal const string NoFeedbackReason = "no trainable parameter holds feedback; call Backward on an output before stepping";

    /// <summary>The variables by the names the prompt shows them under.</summary>
    private protected static IEnumerable<KeyValuePair<string, IParameterNode>> Named(OptoPrimePrompt prompt) =>
        prompt.Variables.Select(v => KeyValuePair.Create(prompt.Subgraph.NameOf((Node)v), v));

    /// <summary>Adds the step's variables and feedback to the memory shown in later prompts.</summary>
    private protected void Remember(TraceProblem problem)
    {
        if (Options.MemorySize == 0)
        {
            return;
        }

        // Added after the prompt is built, so the memory shows earlier steps only.
        _memory.Enqueue((problem.Variables, problem.Feedback));
        while (_memory.Count > Options.MemorySize)
        {
            _memory.Dequeue();
        }
    }

    private void AppendMemory(StringBuilder sb)
    {
        if (_memory.Count == 0)
        {
            return;
        }

        sb.Append(PromptText.MemoryOpening).Append("\n\n");
        var i = 1;
        foreach (var (variables, feedback) in _memory)
        {
            sb.Append("Earlier step ").Append(i++).Append('\n')
              .Append("#Variables\n").Append(variables).Append('\n')
              .Append("#Feedback\n").Append(feedback).Append("\n\n");
        }
    }

    /// <summary>The chat client of a preview: building a prompt never calls it.</summary>
    private sealed class NoLlm : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A prompt preview has no LLM to call.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A prompt preview has no LLM to call.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
