namespace Opto.Reporting.Tables;

/// <summary>Writes a table as aligned columns of plain text: readable in a log, with nothing a terminal must interpret.</summary>
internal static class PlainTableWriter
{
    private const string Gap = "  ";

    public static void Write(TextWriter writer, ReportTable table)
    {
        if (table.Title is { } title)
        {
            writer.WriteLine(title);
        }

        // Cells are made one line here so that a stray new line in a note cannot break the columns.
        var header = table.Columns.Select(c => c.Header).ToList();
        var rows = table.Rows.Select(r => r.Select(c => ReportFormat.OneLine(c.Text)).ToList()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToList();

        WriteLine(writer, table, header, widths);
        WriteLine(writer, table, widths.Select(w => new string('-', w)).ToList(), widths);
        foreach (var row in rows)
        {
            WriteLine(writer, table, row, widths);
        }
    }

    private static void WriteLine(TextWriter writer, ReportTable table, List<string> cells, List<int> widths)
    {
        var padded = cells.Select((text, i) => table.Columns[i].AlignRight ? text.PadLeft(widths[i]) : text.PadRight(widths[i]));
        writer.WriteLine(string.Join(Gap, padded).TrimEnd());
    }
}
