namespace Opto.Llm;

/// <summary>
/// Prices per model, supplied by the user (prices change too often to ship). A model is found by its exact name
/// (case-insensitive) or else by the longest listed name it starts with, so <c>gpt-4o-mini</c> also prices the dated
/// <c>gpt-4o-mini-2024-07-18</c> that providers report back. Thread-safe.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> _prices = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    /// <summary>An empty table.</summary>
    public PriceTable()
    {
    }

    /// <summary>A table filled from a dictionary of model name to price.</summary>
    /// <param name="prices">The prices.</param>
    public PriceTable(IEnumerable<KeyValuePair<string, ModelPrice>> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        foreach (var (model, price) in prices)
        {
            Set(model, price);
        }
    }

    /// <summary>The models listed, in no particular order.</summary>
    public IReadOnlyCollection<string> Models
    {
        get
        {
            lock (_lock)
            {
                return [.. _prices.Keys];
            }
        }
    }

    /// <summary>Sets the price of a model.</summary>
    /// <param name="model">The model name, or a prefix of dated model names.</param>
    /// <param name="price">Its price.</param>
    /// <returns>This table, for chaining.</returns>
    public PriceTable Set(string model, ModelPrice price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(price);
        lock (_lock)
        {
            _prices[model.Trim()] = price;
        }

        return this;
    }

    /// <summary>Sets the price of a model from its input and output prices per million tokens.</summary>
    /// <param name="model">The model name, or a prefix of dated model names.</param>
    /// <param name="inputPerMillion">The price of one million input tokens.</param>
    /// <param name="outputPerMillion">The price of one million output tokens.</param>
    /// <returns>This table, for chaining.</returns>
    public PriceTable Set(string model, decimal inputPerMillion, decimal outputPerMillion) =>
        Set(model, new ModelPrice(inputPerMillion, outputPerMillion));

    /// <summary>Finds the price of a model.</summary>
    /// <param name="model">The model name, as requested or as reported by the provider.</param>
    /// <param name="price">The price, when found.</param>
    /// <returns>Whether a price was found.</returns>
    public bool TryGetPrice(string? model, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelPrice? price)
    {
        price = null;
        if (string.IsNullOrWhiteSpace(model))
        {
            return false;
        }

        lock (_lock)
        {
            if (_prices.TryGetValue(model, out price))
            {
                return true;
            }

            var best = _prices
                .Where(entry => model.StartsWith(entry.Key, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(entry => entry.Key.Length)
                .Select(entry => entry.Value)
                .FirstOrDefault();
            price = best;
            return best is not null;
        }
    }
}
