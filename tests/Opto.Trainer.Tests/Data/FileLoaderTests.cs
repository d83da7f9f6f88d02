namespace Opto.Trainer.Tests;

public sealed class FileLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opto-trainer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Jsonl_reads_typed_fields_skips_blank_lines_and_uses_line_numbers_as_ids()
    {
        var path = Write("data.jsonl", """
            {"question": "1+1", "answer": 2}

            {"question": "2+3", "answer": 5, "extra": true}
            """);

        var data = Dataset.FromJsonl<string, int>(path, "question", "answer");

        Assert.Equal("data.jsonl", data.Name);
        Assert.Equal([new Example<string, int>("1", "1+1", 2), new Example<string, int>("3", "2+3", 5)], data);
    }

    [Fact]
    public void Jsonl_takes_ids_from_a_field()
    {
        var path = Write("ids.jsonl", """
            {"id": "q-7", "q": "a", "a": "b"}
            {"id": 12, "q": "c", "a": "d"}
            """);

        Assert.Equal(["q-7", "12"], Dataset.FromJsonl<string, string>(path, "q", "a", idField: "id").Select(e => e.Id));
    }

    [Fact]
    public void Jsonl_missing_field_names_the_file_the_line_and_the_field()
    {
        var path = Write("broken.jsonl", """
            {"question": "1+1", "answer": 2}
            {"question": "2+3"}
            """);

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromJsonl<string, int>(path, "question", "answer"));

        Assert.Equal(2, error.Line);
        Assert.Equal("answer", error.Field);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'answer' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_wrong_type_and_bad_json_are_reported_with_their_line()
    {
        var wrongType = Write("type.jsonl", """{"q": "x", "a": "not a number"}""");
        var badJson = Write("json.jsonl", "{\"q\": \"x\", \"a\": 1}\n{oops");

        var typeError = Assert.Throws<DatasetFormatException>(() => Dataset.FromJsonl<string, int>(wrongType, "q", "a"));
        var jsonError = Assert.Throws<DatasetFormatException>(() => Dataset.FromJsonl<string, int>(badJson, "q", "a"));

        Assert.Contains("field 'a' cannot be read as int", typeError.Message, StringComparison.Ordinal);
        Assert.Equal(2, jsonError.Line);
        Assert.Contains("not valid JSON", jsonError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_follows_rfc4180_quoting()
    {
        var path = Write("data.csv", "id,input,expected\r\n" +
            "a,\"Hello, world\",greeting\r\n" +
            "b,\"She said \"\"hi\"\"\",quote\r\n" +
            "c,\"two\nlines\",multi\r\n" +
            "d,,empty\r\n");

        var data = Dataset.FromCsv(path, "input", "expected", idColumn: "id");

        Assert.Equal(["a", "b", "c", "d"], data.Select(e => e.Id));
        Assert.Equal("Hello, world", data[0].Input);
        Assert.Equal("She said \"hi\"", data[1].Input);
        Assert.Equal("two\nlines", data[2].Input);
        Assert.Equal("", data[3].Input);
        Assert.Equal("empty", data[3].Expected);
    }

    [Fact]
    public void Csv_ids_default_to_the_line_where_each_row_starts()
    {
        var path = Write("lines.csv", "q,a\n\"x\ny\",1\nz,2\n");

        Assert.Equal(["2", "4"], Dataset.FromCsv(path, "q", "a").Select(e => e.Id));
    }

    [Fact]
    public void Csv_maps_rows_with_delegates()
    {
        var path = Write("typed.csv", "x,y\n2,4\n3,9\n");

        var data = Dataset.FromCsv(path, row => int.Parse(row["x"]), row => int.Parse(row["y"]));

        Assert.Equal([(2, 4), (3, 9)], data.Select(e => (e.Input, e.Expected)));
    }

    [Fact]
    public void Csv_row_with_missing_fields_names_the_file_the_line_and_the_field()
    {
        var path = Write("short.csv", "input,expected,notes\nfine,1,ok\nshort,2\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv(path, "input", "expected"));

        Assert.Equal(3, error.Line);
        Assert.Equal("notes", error.Field);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing: 'notes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_unknown_column_lists_the_header()
    {
        var path = Write("cols.csv", "question,answer\na,b\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv(path, "input", "answer"));

        Assert.Equal("input", error.Field);
        Assert.Contains("'question', 'answer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_unclosed_quote_is_reported_where_it_opens()
    {
        var path = Write("quote.csv", "q,a\nok,1\n\"never closed,2\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv(path, "q", "a"));

        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
