namespace Opto.Reporting.Tables;

/// <summary>
/// A table described once and shown two ways by <see cref="ReportConsole"/>: a bordered Spectre table in a terminal,
/// aligned plain columns in a log.
/// </summary>
public sealed class ReportTable
{
    private readonly List<IReadOnlyList<ReportCell>> _rows = [];

    /// <summary>Creates an empty table.</summary>
    /// <param name="columns">The columns, left to right.</param>
    public ReportTable(params IReadOnlyList<ReportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        Columns = columns;
    }

    /// <summary>A title shown above the table, if any.</summary>
    public string? Title { get; init; }

    /// <summary>The columns.</summary>
    public IReadOnlyList<ReportColumn> Columns { get; }

    /// <summary>The rows, each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<ReportCell>> Rows => _rows;

    /// <summary>Adds a row.</summary>
    /// <param name="cells">One cell per column.</param>
    /// <returns>This table.</returns>
    public ReportTable AddRow(params IReadOnlyList<ReportCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != Columns.Count)
        {
            throw new ArgumentException($"The table has {Columns.Count} columns but the row has {cells.Count} cells.", nameof(cells));
        }

        _rows.Add([.. cells]);
        return this;
    }
}
