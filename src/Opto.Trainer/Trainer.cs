using Opto.Optimizers;
using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Trainer;

/// <summary>
/// Optimizes the parameters of a workflow on a dataset: runs the workflow on examples (each in its own
/// <see cref="TraceScope"/>, in parallel up to <see cref="TrainerOptions.MaxDegreeOfParallelism"/>), scores each output
/// with a guide, and lets the optimizer propose new values — from the feedback (an LLM <see cref="Optimizer"/>) or from
/// the scores (a <see cref="SearchOptimizer"/>) — following the chosen <see cref="TrainingAlgorithm"/>.
/// </summary>
/// <typeparam name="TInput">The type of the examples' inputs.</typeparam>
/// <typeparam name="TOutput">The type of the workflow's output.</typeparam>
/// <typeparam name="TExpected">The type of the examples' expected answers.</typeparam>
/// <example>
/// <code>
/// var trainer = new Trainer&lt;string, string, string&gt;(
///     (question, ct) =&gt; agent.AnswerAsync(Node.Input(question), ct),
///     Guide.ExactMatch&lt;string, string&gt;(),
///     new OptoPrime(agent.Parameters(), llm),
///     new TrainerOptions { MaxSteps = 20, BatchSize = 4 });
/// TrainingResult result = await trainer.TrainAsync(train, validation, ct);
/// </code>
/// </example>
public sealed class Trainer<TInput, TOutput, TExpected>
{
    private readonly Proposer _proposer;
    private readonly Evaluator<TInput, TOutput, TExpected> _evaluator;
    private int _running;

    /// <summary>Creates a trainer with an LLM optimizer, which proposes from the feedback of each training batch.</summary>
    /// <param name="workflow">Runs the program on one input and returns its output node (it may call traced bundles and LLMs).</param>
    /// <param name="guide">Scores each output.</param>
    /// <param name="optimizer">The optimizer; its trainable parameters are the ones recorded and restored.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public Trainer(Func<TInput, CancellationToken, ValueTask<Node<TOutput>>> workflow, Guide<TInput, TOutput, TExpected> guide, Optimizer optimizer, TrainerOptions? options = null)
        : this(workflow, guide, new LlmProposer(optimizer ?? throw new ArgumentNullException(nameof(optimizer))), options)
    {
    }

    /// <summary>Creates a trainer with a search optimizer, which proposes from the scores of its earlier candidates.</summary>
    /// <param name="workflow">Runs the program on one input and returns its output node.</param>
    /// <param name="guide">Scores each output.</param>
    /// <param name="optimizer">The search; its parameters are the ones recorded and restored.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public Trainer(Func<TInput, CancellationToken, ValueTask<Node<TOutput>>> workflow, Guide<TInput, TOutput, TExpected> guide, SearchOptimizer optimizer, TrainerOptions? options = null)
        : this(workflow, guide, new SearchProposer(optimizer ?? throw new ArgumentNullException(nameof(optimizer))), options)
    {
    }

    /// <summary>Creates a trainer with an LLM optimizer and a synchronous workflow.</summary>
    /// <param name="workflow">Runs the program on one input and returns its output node.</param>
    /// <param name="guide">Scores each output.</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public Trainer(Func<TInput, Node<TOutput>> workflow, Guide<TInput, TOutput, TExpected> guide, Optimizer optimizer, TrainerOptions? options = null)
        : this(Wrap(workflow), guide, optimizer, options)
    {
    }

    /// <summary>Creates a trainer with a search optimizer and a synchronous workflow.</summary>
    /// <param name="workflow">Runs the program on one input and returns its output node.</param>
    /// <param name="guide">Scores each output.</param>
    /// <param name="optimizer">The search.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public Trainer(Func<TInput, Node<TOutput>> workflow, Guide<TInput, TOutput, TExpected> guide, SearchOptimizer optimizer, TrainerOptions? options = null)
        : this(Wrap(workflow), guide, optimizer, options)
    {
    }

    private Trainer(Func<TInput, CancellationToken, ValueTask<Node<TOutput>>> workflow, Guide<TInput, TOutput, TExpected> guide, Proposer proposer, TrainerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(guide);
        Options = options ?? new TrainerOptions();
        Options.Validate();
        if (proposer.Parameters.Count == 0)
        {
            throw new ArgumentException("The optimizer has no parameters to change, so there is nothing to train.", nameof(proposer));
        }

        _proposer = proposer;
        _evaluator = new Evaluator<TInput, TOutput, TExpected>(workflow, guide,
            new EvaluationOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism, ErrorScore = Options.ErrorScore });
    }

    /// <summary>The settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The parameters the optimizer changes (recorded with every step, restored on resume).</summary>
    public IReadOnlyList<IParameterNode> Parameters => _proposer.Parameters;

    /// <summary>
    /// Trains until <see cref="TrainerOptions.MaxSteps"/>, early stopping, a budget or cancellation. With a journal,
    /// every completed step is written, and an unfinished run with the same key is resumed after its last step.
    /// </summary>
    /// <param name="training">The training examples; not empty.</param>
    /// <param name="validation">Examples to choose between candidates and to track the best; required by search, beam.</param>
    /// <param name="cancellationToken">
    /// Cancels the run: the step in progress is dropped, the run ends as <see cref="Runs.RunStatus.Cancelled"/> (written to the
    /// journal) and the result is returned rather than thrown, so the best values found so far are not lost.
    /// </param>
    /// <returns>How the run went.</returns>
    /// <exception cref="ArgumentException">A dataset is empty, or the algorithm needs a validation set and has none.</exception>
    /// <exception cref="InvalidOperationException">This trainer is already running, or the journal's resume point does not fit.</exception>
    public async Task<TrainingResult> TrainAsync(Dataset<TInput, TExpected> training, Dataset<TInput, TExpected>? validation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException($"The training set{Named(training)} is empty; give at least one example.", nameof(training));
        }

        if (validation is { Count: 0 })
        {
            throw new ArgumentException($"The validation set{Named(validation)} is empty; pass null for none, or give at least one example.", nameof(validation));
        }

        if (validation is null && Options.Algorithm.RequiresValidation)
        {
            throw new ArgumentException($"The '{Options.Algorithm.Name}' algorithm chooses between candidates on a validation set; pass one.", nameof(validation));
        }

        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new InvalidOperationException("This trainer is already running; await the first run before starting another.");
        }

        try
        {
            var session = new TrainingSession<TInput, TOutput, TExpected>(_evaluator, _proposer, Options, training, validation);
            return await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Evaluates the current parameters on examples (no feedback is sent), e.g. on a test set after training.</summary>
    /// <param name="examples">The examples.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>One outcome per example, in order, and the mean score.</returns>
    public Task<Evaluation<TOutput>> EvaluateAsync(IReadOnlyList<Example<TInput, TExpected>> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return _evaluator.EvaluateAsync(examples, backward: false, EvaluationPhase.Test, 0, Options.Progress, cancellationToken);
    }

    private static Func<TInput, CancellationToken, ValueTask<Node<TOutput>>> Wrap(Func<TInput, Node<TOutput>> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return (input, _) => ValueTask.FromResult(workflow(input));
    }

    private static string Named<TI, TE>(Dataset<TI, TE> dataset) => dataset.Name is { } name ? $" '{name}'" : "";
}
