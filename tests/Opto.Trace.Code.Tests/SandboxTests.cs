namespace Opto.Trace.Code.Tests;

public class SandboxTests
{
    private static readonly CodeCompiler Compiler = new();

    /// <summary>Attempts to leave the sandbox; each is a method <c>string Read(string p)</c>.</summary>
    public static TheoryData<string, string> EscapeAttempts => new()
    {
        { "File.ReadAllText", "using System.IO;\nstring Read(string p) => File.ReadAllText(p);" },
        { "alias of File", "using F = System.IO.File;\nstring Read(string p) => F.ReadAllText(p);" },
        { "global:: name", "string Read(string p) => global::System.IO.File.ReadAllText(p);" },
        { "method group", "string Read(string p) { Func<string, string> f = System.IO.File.ReadAllText; return f(p); }" },
        { "typeof File", "string Read(string p) => typeof(System.IO.File).Name;" },
        { "FileStream base class", "class Sneaky : System.IO.FileStream { public Sneaky() : base(\"x\", System.IO.FileMode.Open) { } }\nstring Read(string p) => p;" },
        { "HttpClient", "string Read(string p) => new System.Net.Http.HttpClient().GetStringAsync(p).Result;" },
        { "Process.Start", "string Read(string p) { System.Diagnostics.Process.Start(\"sh\", p); return p; }" },
        { "Environment", "string Read(string p) => Environment.GetEnvironmentVariable(p);" },
        { "Type.GetType + Invoke", "string Read(string p) => (string)Type.GetType(\"System.IO.File\").GetMethod(\"ReadAllText\", new[] { typeof(string) }).Invoke(null, new object[] { p });" },
        { "reflection through GetType()", "string Read(string p) => p.GetType().GetMethod(\"ToUpper\", Type.EmptyTypes).Invoke(p, null).ToString();" },
        { "assembly through typeof", "string Read(string p) { var a = typeof(string).Assembly; return a.FullName; }" },
        { "Activator", "string Read(string p) => Activator.CreateInstance(typeof(string), p.ToCharArray()).ToString();" },
        { "Assembly.Load", "string Read(string p) => System.Reflection.Assembly.Load(p).FullName;" },
        { "Delegate.CreateDelegate", "string Read(string p) => Delegate.CreateDelegate(typeof(Func<string>), p, \"ToUpper\").DynamicInvoke().ToString();" },
        { "AppDomain", "string Read(string p) => AppDomain.CurrentDomain.FriendlyName;" },
        { "AssemblyLoadContext", "string Read(string p) => System.Runtime.Loader.AssemblyLoadContext.Default.Name;" },
        { "unsafe pointers", "unsafe string Read(string p) { fixed (char* c = p) { return new string(c); } }" },
        { "pointer without unsafe", "string Read(string p) { int x = 1; int* q = &x; return p; }" },
        { "stackalloc", "string Read(string p) { Span<char> s = stackalloc char[4]; return p; }" },
        { "DllImport extern", "[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid();\nstring Read(string p) => getpid().ToString();" },
        { "Marshal", "string Read(string p) => System.Runtime.InteropServices.Marshal.PtrToStringAnsi(IntPtr.Zero);" },
        { "Unsafe", "string Read(string p) => System.Runtime.CompilerServices.Unsafe.As<string>(p);" },
        { "new Thread", "string Read(string p) { new System.Threading.Thread(() => { }).Start(); return p; }" },
        { "ThreadPool", "string Read(string p) { System.Threading.ThreadPool.QueueUserWorkItem(_ => { }); return p; }" },
        { "Task.Run", "string Read(string p) => Task.Run(() => p).GetAwaiter().GetResult();" },
        { "Task.Factory.StartNew", "string Read(string p) { Task.Factory.StartNew(() => { }); return p; }" },
        { "Parallel", "string Read(string p) { System.Threading.Tasks.Parallel.For(0, 2, i => { }); return p; }" },
        { "Timer", "string Read(string p) { using var t = new System.Threading.Timer(_ => { }); return p; }" },
        { "PLINQ", "string Read(string p) => new string(p.AsParallel().ToArray());" },
        { "GC", "string Read(string p) { GC.Collect(); return p; }" },
        { "dynamic", "string Read(string p) { dynamic d = p; return d; }" },
        { "Console", "string Read(string p) { Console.WriteLine(p); return p; }" },
        { "blocking wait", "string Read(string p) { Task.Delay(1).Wait(); return p; }" },
        { "async void", "string Read(string p) { async void Later() { await Task.Yield(); } Later(); return p; }" },
        { "finalizer", "class Undying { ~Undying() { } }\nstring Read(string p) => p;" },
        { "expression tree", "string Read(string p) { System.Linq.Expressions.Expression<Func<string>> e = () => p; return e.Compile()(); }" },
        { "host library", "string Read(string p) => new Opto.Trace.Code.CodeCompiler().ToString();" },
    };

    [Theory]
    [MemberData(nameof(EscapeAttempts))]
    public void Escape_attempts_are_refused_before_anything_is_loaded(string attempt, string source)
    {
        var compiled = Compiler.TryCompile<Func<string, string>>(source, "Read", out var method, out var diagnostics);

        Assert.False(compiled, attempt);
        Assert.Null(method);
        Assert.Contains(diagnostics, d => d.Kind == CodeDiagnosticKind.Sandbox);
        Assert.All(diagnostics.Where(d => d.Kind == CodeDiagnosticKind.Sandbox), d => Assert.True(d.Line > 0, d.ToString()));
    }

    [Fact]
    public void The_refusal_quotes_the_line_and_names_the_api_and_the_reason()
    {
        var error = Assert.Throws<CodeCompilationException>(() => Compiler.Compile<Func<string, string>>("""
            using F = System.IO.File;

            string Read(string path)
            {
                return F.ReadAllText(path);
            }
            """, "Read"));

        Assert.True(error.IsSandboxViolation);
        Assert.Contains("    return F.ReadAllText(path);   // <-- SANDBOX: 'System.IO.File' is not allowed: file system access", error.Message);
        Assert.Contains("using F = System.IO.File;   // <-- SANDBOX:", error.Message);
        Assert.Equal([1, 5], error.Diagnostics.Select(d => d.Line).Distinct());
    }

    [Fact]
    public void A_refused_api_is_named_even_when_the_call_does_not_compile()
    {
        Assert.False(Compiler.TryCompile<Func<string, string>>("string Read(string p) => System.IO.File.ReadAllText(p, 1, 2, 3);", "Read", out _, out var diagnostics));

        Assert.Contains(diagnostics, d => d.Kind == CodeDiagnosticKind.Compiler);
        Assert.Contains(diagnostics, d => d.Kind == CodeDiagnosticKind.Sandbox && d.Message.Contains("file system"));
    }

    [Fact]
    public void Code_that_breaks_out_of_its_class_to_shadow_the_budget_guard_is_refused()
    {
        const string source = """
            int Run(int x) { while (true) { } }
            }
            namespace Opto.Trace.Code
            {
                static class CodeGuard
                {
                    public static void Tick() { }
                    public static void Enter() { }
                    public static void Exit() { }
                    public static bool MayCatch() => true;
                }
            }
            class Tail {
            """;

        Assert.False(Compiler.TryCompile<Func<int, int>>(source, "Run", out _, out var diagnostics));

        var problem = Assert.Single(diagnostics);
        Assert.Equal((CodeDiagnostic.StructureId, 2), (problem.Id, problem.Line));
    }

    [Fact]
    public void Each_refused_api_is_reported_once_per_line()
    {
        Assert.False(Compiler.TryCompile<Func<string, string>>(
            "string Read(string p) => System.IO.File.ReadAllText(System.IO.File.ReadAllText(p));", "Read", out _, out var diagnostics));

        Assert.Single(diagnostics);
    }

    [Fact]
    public async Task Everyday_computation_is_allowed()
    {
        var method = Compiler.Compile<Func<string, Task<string>>>("""
            using System.Globalization;
            using System.IO;
            using System.Text.Json;
            using System.Text.RegularExpressions;

            async Task<string> Summarize(string text)
            {
                await Task.Delay(1);
                var words = Regex.Split(text.ToLowerInvariant(), @"\W+").Where(w => w.Length > 0).ToList();
                var counts = words.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
                var sb = new StringBuilder();
                using (var writer = new StringWriter(sb, CultureInfo.InvariantCulture))
                {
                    writer.Write(JsonSerializer.Serialize(counts.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value)));
                }

                using var memory = new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString()));
                using var reader = new StreamReaderLike(memory);
                var max = Math.Max(words.Count, 1);
                return $"{reader.ReadAll()} ({max.ToString(CultureInfo.InvariantCulture)} words, {typeof(int).Name}, {words.GetType().Name})";
            }

            sealed class StreamReaderLike(Stream stream) : IDisposable
            {
                public string ReadAll()
                {
                    var buffer = new byte[stream.Length];
                    stream.ReadExactly(buffer);
                    return Encoding.UTF8.GetString(buffer);
                }

                public void Dispose() => stream.Dispose();
            }
            """, "Summarize");

        var summary = await method.RunAsync(f => f("b a b"));
        Assert.Equal("{\"a\":1,\"b\":2} (3 words, Int32, List`1)", summary);
    }
}
