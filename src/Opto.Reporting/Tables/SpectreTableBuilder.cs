using Spectre.Console;
using Spectre.Console.Rendering;

namespace Opto.Reporting.Tables;

/// <summary>Turns a <see cref="ReportTable"/> into a Spectre table for a terminal.</summary>
internal static class SpectreTableBuilder
{
    public static Table Build(ReportTable table)
    {
        var result = new Table().Border(TableBorder.Rounded);
        if (table.Title is { } title)
        {
            result.Title = new TableTitle(Markup.Escape(title), new Style(decoration: Decoration.Bold));
        }

        foreach (var column in table.Columns)
        {
            var header = new Text(column.Header, new Style(decoration: Decoration.Bold));
            result.AddColumn(new TableColumn(header) { Alignment = column.AlignRight ? Justify.Right : Justify.Left });
        }

        foreach (var row in table.Rows)
        {
            result.AddRow(row.Select(cell => (IRenderable)new Text(cell.Text, StyleOf(cell.Style))));
        }

        return result;
    }

    public static Style StyleOf(CellStyle style) => style switch
    {
        CellStyle.Dim => new Style(Color.Grey),
        CellStyle.Emphasis => new Style(decoration: Decoration.Bold),
        CellStyle.Changed => new Style(Color.Yellow),
        CellStyle.Good => new Style(Color.Green),
        CellStyle.Bad => new Style(Color.Red),
        _ => Style.Plain,
    };
}
