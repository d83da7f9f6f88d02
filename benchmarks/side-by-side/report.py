"""Turns the side-by-side JSON lines into a markdown table of medians and ratios (Python / .NET)."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
python = [r for r in rows if r["side"] == "python"]
dotnet = [r for r in rows if r["side"] == "dotnet"]


def fmt(s):
    return f"{s * 1e3:.2f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} µs"


print("| reference case | N | phase | Python | .NET | Python / .NET |")
print("|---|---|---|---|---|---|")
for py, net in zip(python, dotnet):
    if "phases" in py:
        phases = py["phases"]
        case = py["case"]
    else:
        phases = {"backward": py["backward"]}
        case = "chain y=y+1"
    pairs = []
    if "forward" in phases:
        pairs.append(("forward", phases["forward"], net["forward"]))
    if "backward" in phases:
        ours = net["backward"] + (net["view"] if "summarize" not in phases else 0)
        pairs.append(("backward" + ("" if "summarize" in phases else " (.NET: + view)"), phases["backward"], ours))
    if "summarize" in phases:
        pairs.append(("summarize / view", phases["summarize"], net["view"]))
    for name, p, n in pairs:
        print(f"| {case} | {py.get('n', net['n']):,} | {name} | {fmt(p)} | {fmt(n)} | {p / n:,.0f}× |")
