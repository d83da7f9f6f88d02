#!/usr/bin/env bash
# Student epoch time: Opto.TorchSharp (TorchSharp 0.107 / libtorch 2.10) against the same loop in PyTorch, on the CPU,
# same data, same MLP, same batch size, same thread count on both sides, run back to back.
#   benchmarks/student/run.sh            # threads 1 and 2, 5 epochs of 20,000 examples in batches of 64 (1,565 steps)
#   THREADS="1" EPOCHS=3 benchmarks/student/run.sh
# Needs Debian's PyTorch: sudo apt-get install -y python3-torch libopenblas0-pthread (uses /usr/bin/python3).
# Debian builds PyTorch against the generic BLAS interface; without OpenBLAS that is netlib's reference BLAS, which
# makes the PyTorch side about 2.5 times slower than it should be. OPENBLAS_NUM_THREADS gets the same thread count.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-1 2}"
epochs="${EPOCHS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$here/Opto.Benchmarks.Student" -c Release -v quiet -nologo >/dev/null
bin="$here/Opto.Benchmarks.Student/bin/Release/net10.0"
"$python" "$here/student_bench.py" data --out "$work/data.bin"
: > "$work/results.txt"
for t in $threads; do
  OMP_NUM_THREADS="$t" dotnet "$bin/Opto.Benchmarks.Student.dll" --data "$work/data.bin" --threads "$t" --epochs "$epochs" | tee -a "$work/results.txt"
  OPENBLAS_NUM_THREADS="$t" OMP_NUM_THREADS="$t" "$python" "$here/student_bench.py" train --data "$work/data.bin" --threads "$t" --epochs "$epochs" | tee -a "$work/results.txt"
done
echo
"$python" "$here/student_bench.py" table "$work/results.txt"
