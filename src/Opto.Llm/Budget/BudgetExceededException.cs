namespace Opto.Llm;

/// <summary>
/// Thrown before a call is sent when the <see cref="TokenBudget"/> of a <see cref="UsageLedger"/> is used up.
/// Nothing was sent to the provider; the run can stop cleanly and keep every recorded call.
/// </summary>
public sealed class BudgetExceededException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public BudgetExceededException()
        : base("The LLM budget is used up; the call was not sent.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a reached limit.</summary>
    /// <param name="limit">Which limit was reached, e.g. <c>cost 1.02 reached the limit of 1.00</c>.</param>
    /// <param name="budget">The budget.</param>
    /// <param name="totals">What had been used when the call was refused.</param>
    public BudgetExceededException(string limit, TokenBudget budget, UsageTotals totals)
        : base($"LLM budget used up: {limit}. The call was not sent. Used so far: {totals}.")
    {
        Limit = limit;
        Budget = budget;
        Totals = totals;
    }

    /// <summary>Which limit was reached.</summary>
    public string? Limit { get; }

    /// <summary>The budget that was enforced.</summary>
    public TokenBudget? Budget { get; }

    /// <summary>What had been used when the call was refused.</summary>
    public UsageTotals? Totals { get; }
}
