"""Backward on the chain y = y + 1 (the Python reference's own growth probe), timed for the side-by-side run.

Usage: PYTHONPATH=<Trace checkout> python3 chain_add.py N [reps]  -> prints one JSON line (median seconds).
"""
import json
import statistics
import sys
import time

from opto.trace import node
from opto.trace.nodes import GRAPH


def once(n):
    GRAPH.clear()
    x = node(0.0, trainable=True)
    y = x
    for _ in range(n):
        y = y + 1
    start = time.perf_counter()
    y.backward("the output is off by a mile")
    return time.perf_counter() - start


def main():
    n = int(sys.argv[1])
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    once(10)
    times = [once(n) for _ in range(reps)]
    print(json.dumps({"shape": "chain_add", "n": n, "backward": statistics.median(times)}))


if __name__ == "__main__":
    main()
