namespace Opto.Reporting.Tables;

/// <summary>The text of one table cell and what it means.</summary>
/// <param name="Text">The text, shown as it is (never read as markup).</param>
/// <param name="Style">What it means.</param>
public readonly record struct ReportCell(string Text, CellStyle Style = CellStyle.Normal)
{
    /// <summary>A cell of ordinary text.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ReportCell(string text) => FromString(text);

    /// <summary>A cell of ordinary text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The cell.</returns>
    public static ReportCell FromString(string text) => new(text ?? "");
}
