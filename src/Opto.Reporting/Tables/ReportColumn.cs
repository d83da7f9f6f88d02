namespace Opto.Reporting.Tables;

/// <summary>A table column.</summary>
/// <param name="Header">The column's title.</param>
/// <param name="AlignRight">Whether cells are aligned right (numbers).</param>
public sealed record ReportColumn(string Header, bool AlignRight = false);
