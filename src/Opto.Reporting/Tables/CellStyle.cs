namespace Opto.Reporting.Tables;

/// <summary>What a piece of report text means; a terminal shows it as colour, a log as plain text.</summary>
public enum CellStyle
{
    /// <summary>Ordinary text.</summary>
    Normal,

    /// <summary>Secondary text (missing values, remarks).</summary>
    Dim,

    /// <summary>Text to notice (headings, keys).</summary>
    Emphasis,

    /// <summary>Something that changed or differs.</summary>
    Changed,

    /// <summary>A good outcome (the best score, a completed run).</summary>
    Good,

    /// <summary>A bad outcome (a failure).</summary>
    Bad,
}
