namespace Opto.Trace.Tests;

public sealed class ParameterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opto-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_parameter_has_a_key_a_description_and_constraints()
    {
        var p = new ParameterNode<double>(0.7, "Agent.Temperature", "Sampling temperature.", ParameterConstraints.Range(0, 1.5));
        Assert.Equal("Agent.Temperature", p.Name);
        Assert.Equal(NodeKind.Parameter, p.Kind);
        Assert.True(p.Trainable);
        Assert.True(p.IsRoot);
        Assert.Null(p.Graph);
        Assert.Equal("between 0 and 1.5 inclusive", p.Constraints.Describe());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("a..b")]
    [InlineData("a:0")]
    public void Invalid_keys_are_refused(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ParameterNode<int>(1, name));
    }

    [Fact]
    public void Constraints_are_enforced_on_every_set_and_counted_in_the_version()
    {
        var p = new ParameterNode<double>(0.7, "t", constraints: ParameterConstraints.Range(0, 1.5));
        p.Value = 1.2;
        Assert.Equal(1, p.Version);

        var error = Assert.Throws<ArgumentException>(() => p.Value = 2.0);
        Assert.Contains("above the maximum 1.5", error.Message);
        Assert.Equal(1.2, p.Value);
        Assert.False(p.TrySetValue(double.NaN, out var reason));
        Assert.Contains("NaN", reason);
        Assert.Equal(1, p.Version);
        Assert.Throws<ArgumentException>(() => new ParameterNode<double>(9, "bad", constraints: ParameterConstraints.Range(0, 1)));
    }

    [Fact]
    public void Allowed_values_patterns_and_lengths_are_checked_and_described()
    {
        var kind = new ParameterNode<string>("adam", "optimizer", constraints: ParameterConstraints.OneOf("adam", "sgd"));
        Assert.False(kind.TrySetValue("rmsprop", out var reason));
        Assert.Contains("not one of adam, sgd", reason);

        var code = new ParameterConstraints { Pattern = "^[a-z]+$", MaxLength = 5, Text = "Lower-case letters only." };
        var word = new ParameterNode<string>("abc", "word", constraints: code);
        Assert.False(word.TrySetValue("ABC", out reason));
        Assert.Contains("pattern", reason);
        Assert.False(word.TrySetValue("abcdefgh", out reason));
        Assert.Contains("length 8", reason);
        Assert.Equal("no longer than 5; matching the regular expression ^[a-z]+$. Lower-case letters only.", code.Describe());

        var widths = new ParameterNode<int>(64, "width", constraints: ParameterConstraints.OneOf(32, 64, 128));
        Assert.True(widths.TrySetValue(128, out _));
    }

    [Fact]
    public void Boxed_sets_check_the_type()
    {
        IParameterNode p = new ParameterNode<int>(1, "n");
        Assert.False(p.TrySetBoxed("2", out var reason));
        Assert.Contains("expected a value of type int, got string", reason);
        Assert.True(p.TrySetBoxed(2, out _));
        Assert.Equal(2, p.BoxedValue);
    }

    [Fact]
    public void Parameters_round_trip_through_a_versioned_json_file()
    {
        var prompt = new ParameterNode<string>("You help.", "Agent.SystemPrompt");
        var temperature = new ParameterNode<double>(0.7, "Agent.Temperature");
        var widths = new ParameterNode<int[]>([32, 16], "Student.Widths");
        var path = Path.Combine(_folder, "params.json");
        var model = new ParameterCollection([prompt, temperature, widths]);
        model.Save(path);

        var text = File.ReadAllText(path);
        Assert.Contains("\"format\": \"opto-parameters\"", text);
        Assert.Contains("\"version\": 1", text);
        Assert.Contains("\"type\": \"double\"", text);

        var prompt2 = new ParameterNode<string>("", "Agent.SystemPrompt");
        var temperature2 = new ParameterNode<double>(0, "Agent.Temperature");
        var widths2 = new ParameterNode<int[]>([], "Student.Widths");
        var result = new ParameterCollection([widths2, prompt2, temperature2]).Load(path); // order does not matter

        Assert.Equal("You help.", prompt2.Value);
        Assert.Equal(0.7, temperature2.Value);
        Assert.Equal([32, 16], widths2.Value);
        Assert.Equal(3, result.Loaded.Count);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_missing_key_is_an_error_by_default_and_nothing_is_changed()
    {
        var path = Save(new ParameterNode<double>(0.5, "a"));
        var a = new ParameterNode<double>(0, "a");
        var b = new ParameterNode<double>(0, "b");

        var error = Assert.Throws<ParameterLoadException>(() => ParameterFile.Load([a, b], path));
        Assert.Contains("'b' is a parameter of the model but is missing", error.Message);
        Assert.Contains("nothing was changed", error.Message);
        Assert.Equal(0, a.Value);

        var lenient = ParameterFile.Load([a, b], path, new ParameterLoadOptions { MissingKey = KeyMismatchHandling.Warn });
        Assert.Equal(0.5, a.Value);
        Assert.Contains(lenient.Warnings, w => w.Contains("'b'"));
    }

    [Fact]
    public void An_unknown_key_is_a_warning_by_default_and_can_be_made_an_error()
    {
        var path = Save(new ParameterNode<double>(0.5, "a"), new ParameterNode<double>(0.1, "old_name"));
        var a = new ParameterNode<double>(0, "a");

        var result = ParameterFile.Load([a], path);
        Assert.Equal(0.5, a.Value);
        Assert.Contains("'old_name' is in", Assert.Single(result.Warnings));

        Assert.Throws<ParameterLoadException>(() =>
            ParameterFile.Load([a], path, new ParameterLoadOptions { UnknownKey = KeyMismatchHandling.Error }));
    }

    [Fact]
    public void A_value_of_the_wrong_type_or_breaking_constraints_is_a_clear_error()
    {
        var path = Save(new ParameterNode<string>("not a number", "rate"), new ParameterNode<double>(5.0, "temperature"));
        var rate = new ParameterNode<double>(0.1, "rate");
        var temperature = new ParameterNode<double>(0.7, "temperature", constraints: ParameterConstraints.Range(0, 1.5));

        var error = Assert.Throws<ParameterLoadException>(() => ParameterFile.Load([rate, temperature], path));
        Assert.Contains("'rate' expects double: the file got a string", error.Message);
        Assert.Contains("'temperature': the stored value breaks its constraints: 5 is above the maximum 1.5", error.Message);
        Assert.Equal(0.1, rate.Value);
        Assert.Equal(0.7, temperature.Value);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1, \"parameters\": {}}", "not an Opto parameter file")]
    [InlineData("{\"format\": \"opto-parameters\", \"version\": 99, \"parameters\": {}}", "version 99")]
    [InlineData("{\"format\": \"opto-parameters\", \"version\": 1}", "no \"parameters\"")]
    public void Foreign_or_future_files_are_refused(string content, string expected)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, content);
        var error = Assert.Throws<ParameterLoadException>(() => ParameterFile.Load([new ParameterNode<int>(1, "a")], path));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Duplicate_keys_in_a_collection_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ParameterCollection([new ParameterNode<int>(1, "a"), new ParameterNode<int>(2, "a")]));
        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Saving_replaces_the_file_whole()
    {
        var p = new ParameterNode<int>(1, "a");
        var path = Save(p);
        p.Value = 2;
        ParameterFile.Save([p], path);
        Assert.False(File.Exists(path + ".tmp"));
        var q = new ParameterNode<int>(0, "a");
        ParameterFile.Load([q], path);
        Assert.Equal(2, q.Value);
    }

    private string Save(params IParameterNode[] parameters)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        ParameterFile.Save(parameters, path);
        return path;
    }
}
