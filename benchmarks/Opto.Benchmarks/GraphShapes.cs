using Opto.Trace;

namespace Opto.Benchmarks;

/// <summary>A graph shape of the scaling harness: how to build it at size N, and the parameters to view.</summary>
internal sealed record GraphShape(string Name, string Description, int[] Sizes, Func<int, (Node Output, IParameterNode[] Parameters)> Build);

/// <summary>The shapes, chosen to match the Python reference's measurements (../shared/bench/python_trace).</summary>
internal static class GraphShapes
{
    private static readonly Operation Affine = new("affine", "y * 1.0001 + 0.5", ["y"]);
    private static readonly Operation Total = new("total", "Sum of all inputs.");

    public static IReadOnlyList<GraphShape> All(bool quick)
    {
        int[] Ladder(params int[] sizes) => quick ? [.. sizes.Where(s => s <= 10_000)] : sizes;
        return
        [
            new("chain_add", "y = y + 1.0, N times (2 nodes per step; the reference's §4.5 chain)",
                Ladder(100, 1_000, 2_000, 10_000, 100_000, 500_000), ChainAdd),
            new("chain_ops", "y = y * 1.0001 + 0.5, N times (4 nodes per step; reference case a/c chain a)",
                Ladder(100, 1_000, 10_000, 100_000, 250_000), ChainOps),
            new("chain_bundle", "y = affine(y), N bundle calls (1 node per step; reference chain b)",
                Ladder(100, 1_000, 10_000, 100_000, 1_000_000), ChainBundle),
            new("ladder", "a = y + 1; b = y * 2; y = a + b, N times (reference §4.5 ladder)",
                Ladder(100, 400, 1_000, 10_000, 100_000, 250_000), LadderShape),
            new("wide_sum", "p0 + p1 + … + pM-1: M parameters, M-1 adds, all M viewed (reference d, binary adds)",
                Ladder(100, 1_000, 3_000, 10_000, 100_000), WideSum),
            new("wide_one", "total(p0 … pM-1): one node with M parameter parents, all viewed (reference d, one node)",
                Ladder(100, 1_000, 3_000, 10_000, 100_000), WideOne),
        ];
    }

    private static (Node, IParameterNode[]) ChainAdd(int n)
    {
        var p = new ParameterNode<double>(0.0, "x");
        Node<double> y = p;
        for (var i = 0; i < n; i++)
        {
            y += 1.0;
        }

        return (y, [p]);
    }

    private static (Node, IParameterNode[]) ChainOps(int n)
    {
        var p = new ParameterNode<double>(1.0, "x");
        Node<double> y = p;
        for (var i = 0; i < n; i++)
        {
            y = y * 1.0001 + 0.5;
        }

        return (y, [p]);
    }

    private static (Node, IParameterNode[]) ChainBundle(int n)
    {
        var p = new ParameterNode<double>(1.0, "x");
        Node<double> y = p;
        for (var i = 0; i < n; i++)
        {
            y = Bundle.Invoke(Affine, y, static v => (v * 1.0001) + 0.5);
        }

        return (y, [p]);
    }

    private static (Node, IParameterNode[]) LadderShape(int n)
    {
        var p = new ParameterNode<double>(1.0, "x");
        Node<double> y = p;
        for (var i = 0; i < n; i++)
        {
            var a = y + 1.0;
            var b = y * 2.0;
            y = (a + b) * 1e-3; // keeps the value finite; one more node per rung
        }

        return (y, [p]);
    }

    private static (Node, IParameterNode[]) WideSum(int m)
    {
        var ps = Parameters(m);
        Node<double> total = ps[0];
        for (var i = 1; i < m; i++)
        {
            total += ps[i];
        }

        return (total, ps);
    }

    private static (Node, IParameterNode[]) WideOne(int m)
    {
        var ps = Parameters(m);
        var total = Bundle.Invoke(Total, ps, () =>
        {
            var sum = 0.0;
            foreach (var p in ps)
            {
                sum += p.Value;
            }

            return sum;
        });
        return (total, ps);
    }

    private static ParameterNode<double>[] Parameters(int m) =>
        [.. Enumerable.Range(0, m).Select(i => new ParameterNode<double>(i, $"p{i}"))];
}
