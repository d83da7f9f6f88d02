using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Optimizers.Tests.Baselines;

public class CombinedSearchTests
{
    [Fact]
    public void Searches_numbers_and_choices_together_and_skips_text_and_code()
    {
        var rate = new ParameterNode<double>(0.9, "rate", constraints: ParameterConstraints.Range(0, 1));
        var model = new ParameterNode<Model>(Model.Tiny, "model");
        var prompt = new ParameterNode<string>("Be brief.", "prompt");
        var body = new ParameterNode<string>("return x;", "body") { IsCode = true };
        var frozen = new ParameterNode<int>(3, "frozen", trainable: false);

        var search = SearchOptimizer.For([rate, model, prompt, body, frozen], new SearchOptions { Seed = 5 });
        SearchLoop.Run(search, 300, () => -Math.Pow(rate.Value - 0.3, 2) + (model.Value == Model.Large ? 1 : 0));

        Assert.IsType<CombinedSearch>(search);
        Assert.Equal(["rate", "model"], search.Parameters.Select(p => p.Name));
        Assert.Equal(["prompt", "body"], search.Skipped.Select(s => s.Parameter.Name));
        Assert.StartsWith("text — needs an LLM optimizer", search.Skipped[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("code — needs an LLM optimizer", search.Skipped[1].Reason, StringComparison.Ordinal);
        Assert.Equal("Be brief.", prompt.Value);
        Assert.Equal(Model.Large, search.Best!.Values["model"]);
        Assert.Equal(0.3, (double)search.Best.Values["rate"]!, 2);
    }

    [Fact]
    public void Throws_naming_every_parameter_when_nothing_can_be_searched()
    {
        var prompt = new ParameterNode<string>("Be brief.", "prompt");
        var only = new ParameterNode<string>("a", "only", constraints: ParameterConstraints.OneOf("a"));
        var list = new ParameterNode<List<int>>([1], "list");

        var ex = Assert.Throws<ArgumentException>(() => SearchOptimizer.For([prompt, only, list]));

        Assert.Contains("'prompt': text", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'only': it has only one allowed value", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'list': a List<int> is neither a number nor a choice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_specialised_searches_leave_the_other_kind_to_each_other()
    {
        var rate = new ParameterNode<double>(0.5, "rate");
        var flag = new ParameterNode<bool>(false, "flag");

        var numeric = new NumericSearch([rate, flag]);
        var categorical = new CategoricalSearch([rate, flag]);

        Assert.Equal(["rate"], numeric.Parameters.Select(p => p.Name));
        Assert.Contains("categorical", numeric.Skipped.Single().Reason, StringComparison.Ordinal);
        Assert.Equal(["flag"], categorical.Parameters.Select(p => p.Name));
        Assert.Contains("numeric", categorical.Skipped.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_turns_between_numbers_and_choices()
    {
        var rate = new ParameterNode<double>(0.5, "rate", constraints: ParameterConstraints.Range(0, 1));
        var flag = new ParameterNode<bool>(false, "flag");
        var search = new CombinedSearch([rate, flag]);

        SearchLoop.Run(search, 6, () => rate.Value + (flag.Value ? 1 : 0));

        var rules = search.History.Select(s => s.Notes[0]).ToArray();
        Assert.All(rules.Where((_, i) => i % 2 == 0), r => Assert.Contains("(1+1)-ES", r.Replace("starting point", "(1+1)-ES", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(rules.Where((_, i) => i % 2 == 1), r => Assert.Contains("UCB1", r, StringComparison.Ordinal));
    }
}
