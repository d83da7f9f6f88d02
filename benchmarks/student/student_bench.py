"""The PyTorch side of the student epoch-time benchmark, and the data and the table for both sides.

  python3 student_bench.py data  --out student-data.bin   # writes the shared dataset
  python3 student_bench.py train --data student-data.bin --threads 1
  python3 student_bench.py table results.txt              # compares the EPOCH lines of both sides

The training loop mirrors Opto.TorchSharp's TrainingLoop step for step: one randperm per epoch from the run's own
generator, index_select per batch, zero_grad / cross_entropy / backward / Adam step / loss.item(), then a no_grad
evaluation of the validation set in chunks of 4096 (loss sum, argmax accuracy).
"""
import argparse
import statistics
import struct
import sys
import time

import numpy as np


def write_data(path, train=20000, valid=2000, features=32, classes=10, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 1.5, size=(classes, features)).astype(np.float32)
    with open(path, "wb") as f:
        f.write(struct.pack("<4i", train, valid, features, classes))
        for count in (train, valid):
            y = rng.integers(0, classes, size=count)
            x = centres[y] + rng.normal(0, 1.0, size=(count, features)).astype(np.float32)
            f.write(x.astype("<f4").tobytes())
            f.write(y.astype("<i8").tobytes())


def read_data(path):
    with open(path, "rb") as f:
        train, valid, features, classes = struct.unpack("<4i", f.read(16))
        parts = []
        for count in (train, valid):
            x = np.frombuffer(f.read(count * features * 4), dtype="<f4").reshape(count, features)
            y = np.frombuffer(f.read(count * 8), dtype="<i8")
            parts.append((x.copy(), y.copy()))
    return parts, features, classes


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def train(args):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    ((xt, yt), (xv, yv)), features, classes = read_data(args.data)
    x_train, y_train = torch.from_numpy(xt), torch.from_numpy(yt)
    x_valid, y_valid = torch.from_numpy(xv), torch.from_numpy(yv)

    torch.manual_seed(0)
    layers, width = [], features
    for _ in range(args.depth):
        layers += [torch.nn.Linear(width, args.width), torch.nn.ReLU()]
        width = args.width
    layers.append(torch.nn.Linear(width, classes))
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)
    shuffle = torch.Generator()
    shuffle.manual_seed(0)

    n = x_train.shape[0]
    for epoch in range(1, args.epochs + 1):
        start_time = time.perf_counter()
        order = torch.randperm(n, generator=shuffle)
        model.train()
        total = 0.0
        for start in range(0, n, args.batch):
            size = min(args.batch, n - start)
            rows = order.narrow(0, start, size)
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x_train.index_select(0, rows)), y_train.index_select(0, rows))
            loss.backward()
            optimizer.step()
            total += loss.item() * size
        model.eval()
        with torch.no_grad():
            loss_sum, correct = 0.0, 0
            for start in range(0, x_valid.shape[0], 4096):
                size = min(4096, x_valid.shape[0] - start)
                labels = y_valid.narrow(0, start, size)
                logits = model(x_valid.narrow(0, start, size))
                loss_sum += F.cross_entropy(logits, labels, reduction="sum").item()
                correct += logits.argmax(1).eq(labels).sum().item()
        seconds = time.perf_counter() - start_time
        print(f"EPOCH pytorch {args.threads} {epoch} {seconds:.4f} {rss_mb():.1f} - {total / n:.6g}", flush=True)
    print(f"# pytorch {torch.__version__} threads={args.threads}: validation accuracy {correct / x_valid.shape[0]:.3f}")


def table(path):
    rows = {}
    for line in open(path):
        parts = line.split()
        if parts and parts[0] == "EPOCH":
            side, threads, epoch, seconds, rss = parts[1], int(parts[2]), int(parts[3]), float(parts[4]), float(parts[5])
            rows.setdefault((threads, side), []).append((epoch, seconds, rss))
    print("| threads | side | epoch times (s) | median of epochs 2+ (s) | RSS first→last epoch (MB) |")
    print("|---|---|---|---|---|")
    medians = {}
    for (threads, side), epochs in sorted(rows.items()):
        times = [s for _, s, _ in epochs]
        median = statistics.median(times[1:] if len(times) > 1 else times)
        medians[(threads, side)] = median
        print(f"| {threads} | {side} | {' '.join(f'{t:.3f}' for t in times)} | {median:.3f} | {epochs[0][2]:.0f}→{epochs[-1][2]:.0f} |")
    print()
    for threads in sorted({t for t, _ in medians}):
        if (threads, "dotnet") in medians and (threads, "pytorch") in medians:
            ratio = medians[(threads, "dotnet")] / medians[(threads, "pytorch")]
            print(f"threads={threads}: TorchSharp / PyTorch epoch time = {ratio:.2f}x (target <= 1.2x)")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("data")
    p.add_argument("--out", default="student-data.bin")
    p = sub.add_parser("train")
    p.add_argument("--data", default="student-data.bin")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--depth", type=int, default=2)
    p = sub.add_parser("table")
    p.add_argument("results")
    args = parser.parse_args()
    if args.command == "data":
        write_data(args.out)
    elif args.command == "train":
        train(args)
    else:
        table(args.results)


if __name__ == "__main__":
    sys.exit(main())
