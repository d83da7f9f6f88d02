namespace Opto.Trace.Code.Tests;

public class PolicyTests
{
    private const string PooledSource = "int Rent(int n) => System.Buffers.ArrayPool<int>.Shared.Rent(n).Length;";

    [Fact]
    public void A_namespace_outside_the_allow_list_is_refused_by_default()
    {
        using var compiler = new CodeCompiler();

        Assert.False(compiler.TryCompile<Func<int, int>>(PooledSource, "Rent", out _, out var diagnostics));
        Assert.Contains(diagnostics, d => d.Kind == CodeDiagnosticKind.Sandbox && d.Message.Contains("allow-list"));
    }

    [Fact]
    public void The_allow_list_can_be_extended_with_a_namespace()
    {
        using var compiler = new CodeCompiler(new CodeCompilerOptions { Policy = SandboxPolicy.Default.AllowNamespace("System.Buffers") });

        var rent = compiler.Compile<Func<int, int>>(PooledSource, "Rent");

        Assert.True(rent.Run(f => f(10)) >= 10);
    }

    [Fact]
    public void The_allow_list_can_be_extended_with_a_type_of_the_host_application()
    {
        const string source = "double Length(double a, double b) => Opto.Trace.Code.Tests.Geometry.Hypot(a, b);";
        var references = new CodeCompilerOptions { AdditionalReferences = [typeof(Geometry).Assembly] };
        using var strict = new CodeCompiler(references);
        using var extended = new CodeCompiler(references with { Policy = SandboxPolicy.Default.AllowType(typeof(Geometry)) });

        Assert.False(strict.TryCompile<Func<double, double, double>>(source, "Length", out _, out _));
        Assert.Equal(5.0, extended.Compile<Func<double, double, double>>(source, "Length").Run(f => f(3, 4)));
    }

    [Fact]
    public void A_member_can_be_denied_on_an_allowed_type()
    {
        using var compiler = new CodeCompiler(new CodeCompilerOptions { Policy = SandboxPolicy.Default.DenyMember("System.Math", "Pow", "use multiplication") });

        Assert.False(compiler.TryCompile<Func<double, double>>("double Square(double x) => Math.Pow(x, 2);", "Square", out _, out var diagnostics));
        Assert.Equal("'System.Math.Pow' is not allowed: use multiplication", Assert.Single(diagnostics).Message);
        Assert.True(compiler.TryCompile<Func<double, double>>("double Square(double x) => x * x;", "Square", out _, out _));
    }

    [Fact]
    public void A_denied_type_can_be_allowed_explicitly()
    {
        const string source = "string Name(string p) => System.IO.Path.GetFileName(p);";
        using var compiler = new CodeCompiler(new CodeCompilerOptions { Policy = SandboxPolicy.Default.AllowType("System.IO.Path") });

        Assert.False(CodeCompiler.Shared.TryCompile<Func<string, string>>(source, "Name", out _, out _));
        Assert.Equal("b.txt", compiler.Compile<Func<string, string>>(source, "Name").Run(f => f("/a/b.txt")));
    }

    [Fact]
    public void Policies_are_immutable_and_validate_their_input()
    {
        var extended = SandboxPolicy.Default.AllowNamespace("System.Buffers");

        Assert.DoesNotContain("System.Buffers", SandboxPolicy.Default.AllowedNamespaces);
        Assert.Contains("System.Buffers", extended.AllowedNamespaces);
        Assert.Throws<ArgumentException>(() => SandboxPolicy.Default.AllowNamespace("not a namespace!"));
        Assert.Throws<ArgumentException>(() => SandboxPolicy.Default.DenyType("System.Math", " "));
        Assert.Throws<ArgumentException>(() => SandboxPolicy.Default.AllowType<int[]>());
    }

    [Fact]
    public void The_types_of_the_expected_signature_are_always_allowed()
    {
        using var compiler = new CodeCompiler();

        var length = compiler.Compile<Func<Point, double>>("double Length(Point p) => Math.Sqrt(p.X * p.X + p.Y * p.Y);", "Length");

        Assert.Equal(5.0, length.Run(f => f(new Point(3, 4))));
    }
}
