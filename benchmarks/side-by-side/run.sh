#!/usr/bin/env bash
# Side by side with the Python reference on THIS machine: runs a few of the reference's benchmark cases
# (../shared/bench/python_trace/tbench.py) and the same shapes in our harness back to back, then prints
# a markdown table of medians and ratios. Needs a checkout of the reference: TRACE_REPO=/path/to/OpenTrace,
# and Debian's python3 with python3-numpy and python3-graphviz (the reference imports them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bench="${PY_BENCH:-$root/../shared/bench/python_trace}"
: "${TRACE_REPO:?set TRACE_REPO to a checkout of AgentOpt/OpenTrace}"
py="${PY:-/usr/bin/python3}"
out="${OUT:-$here/last-run.jsonl}"
: > "$out"

dotnet build -c Release "$root/benchmarks/Opto.Benchmarks" >/dev/null
ours="$root/benchmarks/Opto.Benchmarks/bin/Release/net10.0/Opto.Benchmarks.dll"

# pairs: reference case:n  <->  our shape:n
pairs=(
  "fwd_ops:1000 chain_ops:1000"
  "fwd_bundle:1000 chain_bundle:1000"
  "bwd_ops:1000 chain_ops:1000"
  "bwd_bundle:3000 chain_bundle:3000"
  "wide_sum:1000 wide_sum:1000"
  "wide_varargs:1000 wide_one:1000"
)
for pair in "${pairs[@]}"; do
  read -r ref mine <<<"$pair"
  PYTHONPATH="$TRACE_REPO" "$py" "$bench/tbench.py" --case "${ref%%:*}" --n "${ref##*:}" --max-reps 5 --budget 60 \
    | "$py" -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"side":"python","case":d["case"],"n":d["n"],"phases":d.get("phase_median_s",{}),"status":d["status"]}))' >>"$out"
  dotnet "$ours" compare "$mine" | sed 's/^{/{"side": "dotnet", /' >>"$out"
done
PYTHONPATH="$TRACE_REPO" "$py" "$here/chain_add.py" 2000 3 | sed 's/^{/{"side": "python", /' >>"$out"
dotnet "$ours" compare chain_add:2000 | sed 's/^{/{"side": "dotnet", /' >>"$out"

"$py" "$here/report.py" "$out"
