using System.Globalization;

namespace Opto.Llm;

/// <summary>
/// A thread-safe account of LLM calls: per-call records (model, tokens, latency, cost) and running totals, with an
/// optional hard <see cref="TokenBudget"/>. Share one ledger between several clients (say the optimizer's and the
/// task's) to give a whole run one budget. <see cref="TokenBudgetChatClient"/> (<c>UseTokenBudget</c>) fills it.
/// </summary>
public sealed class UsageLedger
{
    private readonly Lock _lock = new();
    private readonly List<UsageRecord> _records = [];
    private long _nextSequence;
    private int _inFlight;
    private long _calls;
    private long _failedCalls;
    private long _inputTokens;
    private long _outputTokens;
    private long _cachedInputTokens;
    private decimal _cost;
    private long _unpricedCalls;
    private string? _unpricedModel;

    /// <summary>Creates a ledger.</summary>
    /// <param name="budget">The limits to enforce; null enforces none.</param>
    /// <param name="prices">The prices used to compute costs; null prices nothing.</param>
    public UsageLedger(TokenBudget? budget = null, PriceTable? prices = null)
    {
        Budget = budget ?? TokenBudget.Unlimited;
        Prices = prices ?? new PriceTable();
    }

    /// <summary>Raised after each call is recorded (outside the ledger's lock), e.g. to store it in a run database.</summary>
    public event EventHandler<UsageRecord>? Recorded;

    /// <summary>The limits enforced.</summary>
    public TokenBudget Budget { get; }

    /// <summary>The prices used to compute costs.</summary>
    public PriceTable Prices { get; }

    /// <summary>A snapshot of the totals.</summary>
    public UsageTotals Totals
    {
        get
        {
            lock (_lock)
            {
                return SnapshotUnlocked();
            }
        }
    }

    /// <summary>A snapshot of every recorded call, in order of completion.</summary>
    public IReadOnlyList<UsageRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Which limit is reached, or null while the budget still allows calls.</summary>
    public string? ExhaustedReason
    {
        get
        {
            lock (_lock)
            {
                return ReachedLimitUnlocked();
            }
        }
    }

    /// <summary>
    /// Adds a call made elsewhere, for instance one replayed from a stored run that is being resumed, so that the
    /// budget counts it. Its sequence number is reassigned.
    /// </summary>
    /// <param name="record">The call.</param>
    /// <returns>The record as stored.</returns>
    public UsageRecord Add(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        UsageRecord stored;
        lock (_lock)
        {
            stored = record with { Sequence = ++_nextSequence };
            AddUnlocked(stored);
        }

        Recorded?.Invoke(this, stored);
        return stored;
    }

    /// <summary>Throws when the budget is used up.</summary>
    /// <exception cref="BudgetExceededException">A limit is reached.</exception>
    public void ThrowIfExhausted()
    {
        lock (_lock)
        {
            if (ReachedLimitUnlocked() is { } limit)
            {
                throw new BudgetExceededException(limit, Budget, SnapshotUnlocked());
            }
        }
    }

    /// <summary>Checks the budget and reserves a place for a call that is about to start.</summary>
    /// <param name="model">The model requested, when known.</param>
    /// <returns>The call's sequence number.</returns>
    /// <exception cref="BudgetExceededException">A limit is reached; the call must not be sent.</exception>
    /// <exception cref="LlmConfigurationException">A cost limit is set but a model used has no price.</exception>
    internal long BeginCall(string? model)
    {
        lock (_lock)
        {
            if (ReachedLimitUnlocked() is { } limit)
            {
                throw new BudgetExceededException(limit, Budget, SnapshotUnlocked());
            }

            if (Budget.MaxCost is not null)
            {
                var unpriced = _unpricedModel ?? (model is not null && !Prices.TryGetPrice(model, out _) ? model : null);
                if (unpriced is not null)
                {
                    throw new LlmConfigurationException(
                        $"A cost limit is set, but the price table has no price for model '{unpriced}', so the cost cannot be tracked. "
                        + $"Add one, e.g. prices.Set(\"{unpriced}\", inputPerMillion: 0.15m, outputPerMillion: 0.60m).");
                }
            }

            _inFlight++;
            return ++_nextSequence;
        }
    }

    /// <summary>Records a call started with <see cref="BeginCall"/>.</summary>
    internal UsageRecord CompleteCall(
        long sequence,
        string? source,
        string? model,
        DateTimeOffset startedAt,
        TimeSpan latency,
        Microsoft.Extensions.AI.UsageDetails? usage,
        string? finishReason,
        bool streaming,
        Exception? error)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        var cached = usage?.CachedInputTokenCount ?? 0;
        decimal? cost = Prices.TryGetPrice(model, out var price) ? price.CostOf(input, output, cached) : null;
        var record = new UsageRecord(
            sequence,
            source,
            model,
            startedAt,
            latency,
            input,
            output,
            cached,
            cost,
            finishReason,
            streaming,
            error is null ? null : string.Create(CultureInfo.InvariantCulture, $"{error.GetType().Name}: {error.Message}"));

        lock (_lock)
        {
            _inFlight--;
            AddUnlocked(record);
        }

        Recorded?.Invoke(this, record);
        return record;
    }

    private void AddUnlocked(UsageRecord record)
    {
        _records.Add(record);
        _calls++;
        _failedCalls += record.Succeeded ? 0 : 1;
        _inputTokens += record.InputTokens;
        _outputTokens += record.OutputTokens;
        _cachedInputTokens += record.CachedInputTokens;
        if (record.Cost is { } cost)
        {
            _cost += cost;
        }
        else if (record.TotalTokens > 0)
        {
            _unpricedCalls++;
            _unpricedModel ??= record.Model ?? "(unknown model)";
        }
    }

    private UsageTotals SnapshotUnlocked() =>
        new(_calls, _failedCalls, _inputTokens, _outputTokens, _cachedInputTokens, _cost, _unpricedCalls, _inFlight);

    private string? ReachedLimitUnlocked()
    {
        var budget = Budget;
        if (budget.MaxCalls is { } maxCalls && _calls + _inFlight >= maxCalls)
        {
            return $"{_calls + _inFlight} calls started, the limit is {maxCalls}";
        }

        if (budget.MaxCost is { } maxCost && _cost >= maxCost)
        {
            return string.Create(CultureInfo.InvariantCulture, $"cost {_cost:0.####} reached the limit of {maxCost:0.####}");
        }

        if (budget.MaxTotalTokens is { } maxTotal && _inputTokens + _outputTokens >= maxTotal)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_inputTokens + _outputTokens:N0} tokens used, the limit is {maxTotal:N0}");
        }

        if (budget.MaxInputTokens is { } maxInput && _inputTokens >= maxInput)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_inputTokens:N0} input tokens used, the limit is {maxInput:N0}");
        }

        if (budget.MaxOutputTokens is { } maxOutput && _outputTokens >= maxOutput)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_outputTokens:N0} output tokens used, the limit is {maxOutput:N0}");
        }

        return null;
    }
}
