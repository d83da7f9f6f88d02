using System.Diagnostics;

namespace Opto.Trace.Code.Tests;

public class CompileAndRunTests
{
    private static readonly CodeCompiler Compiler = new();

    [Fact]
    public void Compiles_and_runs_a_simple_method()
    {
        var add = Compiler.Compile<Func<int, int, int>>("""
            int Add(int a, int b)
            {
                return a + b;
            }
            """, "Add");

        Assert.Equal(5, add.Run(f => f(2, 3)));
        Assert.Equal(["a", "b"], add.ParameterNames);
        Assert.Equal(64, add.Hash.Length);
    }

    [Fact]
    public void Usings_helpers_and_classes_around_the_method_are_allowed()
    {
        var words = Compiler.Compile<Func<string, int>>("""
            using System.Text.RegularExpressions;

            static string Normalize(string s) => s.Trim().ToLowerInvariant();

            int CountWords(string text)
            {
                var counter = new Counter();
                foreach (Match m in Regex.Matches(Normalize(text), @"\w+"))
                {
                    counter.Add(m.Value);
                }
                return counter.Distinct;
            }

            sealed class Counter
            {
                private readonly HashSet<string> _seen = new();
                public void Add(string word) => _seen.Add(word);
                public int Distinct => _seen.Count;
            }
            """, "CountWords");

        Assert.Equal(3, words.Run(f => f("The cat and THE cat and")));
    }

    [Fact]
    public void A_method_inside_a_class_the_optimizer_wrapped_is_found()
    {
        var twice = Compiler.Compile<Func<int, int>>("""
            public static class Solution
            {
                public static int Twice(int x) => 2 * x;
            }
            """, "Twice");

        Assert.Equal(42, twice.Run(f => f(21)));
    }

    [Fact]
    public void Instance_fields_start_fresh_on_every_run()
    {
        var counter = Compiler.Compile<Func<int>>("""
            private int _calls;
            int Next() => ++_calls;
            """, "Next");

        Assert.Equal(1, counter.Run(f => f()));
        Assert.Equal(1, counter.Run(f => f()));
        Assert.Equal(2, counter.Run(f => { f(); return f(); }));
    }

    [Fact]
    public async Task Async_methods_run_with_await()
    {
        var length = Compiler.Compile<Func<string, Task<int>>>("""
            async Task<int> Measure(string s)
            {
                await Task.Yield();
                await Task.Delay(1).ConfigureAwait(false);
                return s.Length;
            }
            """, "Measure");

        Assert.Equal(5, await length.RunAsync(f => f("hello")));
    }

    [Fact]
    public void Return_types_may_be_covariant_like_a_method_group_conversion()
    {
        var describe = Compiler.Compile<Func<int, object>>("string Describe(int x) => $\"x={x}\";", "Describe");
        Assert.Equal("x=4", describe.Run(f => f(4)));
    }

    [Fact]
    public void Many_language_features_still_work_after_the_budget_checks_are_injected()
    {
        var run = Compiler.Compile<Func<int, string>>("""
            int Squared => _n * _n;
            private int _n = 3;
            int this[int i] => i * 10;

            static IEnumerable<int> Evens(int limit)
            {
                for (var i = 0; i <= limit; i += 2)
                    yield return i;
            }

            static int Fail(int x) => x > 0 ? x : throw new ArgumentException("negative");

            void Ignore(int x) => _n = _n + x - x;

            string Run(int n)
            {
                var parts = new List<string>();
                Func<int, int> twice = x => x * 2;
                Action<string> add = s => parts.Add(s);
                int Local(int x) => x + 1;
                Ignore(5);

                add(string.Join(",", Evens(n).Select(twice)));
                add(Local(Squared).ToString());
                add(this[4].ToString());

                var i = 0;
                again:
                i++;
                if (i < 3) goto again;
                add(i.ToString());

                do { i--; } while (i > 0);
                while (i < 2) i++;
                add(i.ToString());

                try { Fail(-1); }
                catch (ArgumentException e) when (e.Message == "negative") { add("caught"); }
                try { Fail(-1); }
                catch { add("caught again"); }

                switch (n)
                {
                    case 4: add("four"); goto default;
                    default: add("end"); break;
                }

                var sum = 0;
                foreach (var (a, b) in new[] { (1, 2), (3, 4) }) sum += a * b;
                add(sum.ToString());
                return string.Join("|", parts);
            }
            """, "Run");

        Assert.Equal("0,4,8|10|40|3|2|caught|caught again|four|end|14", run.Run(f => f(4)));
    }

    [Fact]
    public void Stack_traces_of_the_running_code_name_the_lines_the_optimizer_wrote()
    {
        var divide = Compiler.Compile<Func<int, int, int>>("""
            int Divide(int a, int b)
            {
                var q = 0;
                q = a / b;
                return q;
            }
            """, "Divide");

        var error = Assert.Throws<DivideByZeroException>(() => divide.Run(f => f(1, 0)));

        var frame = new StackTrace(error, fNeedFileInfo: true).GetFrames().First(f => f.GetFileName() == divide.SourcePath);
        Assert.Equal(4, frame.GetFileLineNumber());
    }

    [Fact]
    public void A_missing_method_is_reported_with_the_expected_signature()
    {
        Assert.False(Compiler.TryCompile<Func<int, int, int>>("int Sum(int a, int b) => a + b;", "Add", out _, out var diagnostics));

        var problem = Assert.Single(diagnostics);
        Assert.Equal(CodeDiagnosticKind.Signature, problem.Kind);
        Assert.Contains("int Add(int, int)", problem.Message);
        Assert.Contains("the code defines: Sum", problem.Message);
    }

    [Fact]
    public void A_wrong_signature_is_reported_on_the_method_line()
    {
        Assert.False(Compiler.TryCompile<Func<int, int, int>>("""
            // adds two numbers
            long Add(int a, int b) => a + b;
            """, "Add", out _, out var diagnostics));

        var problem = Assert.Single(diagnostics);
        Assert.Equal(CodeDiagnosticKind.Signature, problem.Kind);
        Assert.Equal(2, problem.Line);
        Assert.Equal("long Add(int a, int b) => a + b;", problem.SourceLine);
    }

    [Fact]
    public void A_compile_error_quotes_the_offending_line_with_the_compiler_message()
    {
        var error = Assert.Throws<CodeCompilationException>(() => Compiler.Compile<Func<int, int, int>>("""
            int Add(int a, int b)
            {
                return a + ;
            }
            """, "Add"));

        Assert.Contains("    return a + ;   // <-- CS1525: Invalid expression term ';'", error.Message);
        var problem = Assert.Single(error.Diagnostics);
        Assert.Equal((3, "CS1525"), (problem.Line, problem.Id));
        Assert.False(error.IsSandboxViolation);
    }

    [Fact]
    public void Errors_on_the_first_line_are_located_despite_the_wrapping()
    {
        Assert.False(Compiler.TryCompile<Func<int>>("int One() => undefinedName;", "One", out _, out var diagnostics));

        var problem = Assert.Single(diagnostics);
        Assert.Equal((1, 14, "CS0103"), (problem.Line, problem.Column, problem.Id));
    }

    [Fact]
    public void Empty_code_is_reported_not_thrown()
    {
        Assert.False(Compiler.TryCompile<Func<int>>("   ", "One", out _, out var diagnostics));
        Assert.Contains("empty", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Bad_arguments_are_refused_clearly()
    {
        Assert.Throws<ArgumentException>(() => Compiler.Compile<Func<int>>("int One() => 1;", "not a name"));
        Assert.Throws<ArgumentNullException>(() => Compiler.Compile<Func<int>>(null!, "One"));
        Assert.Throws<ArgumentException>(() => Compiler.Compile<Delegate>("int One() => 1;", "One"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeExecutionOptions { Timeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeCompilerOptions { CacheCapacity = 0 });
    }
}
