#!/usr/bin/env bash
# Issue 12 on a lent GPU machine, prepared on the CPU machine. From the repository root:
#   bash benchmarks/Throughput/run-on-gpu.sh pack     # here: bundles the .NET program and the PyTorch twin into .gpu/
# then with the device tool: run, carry [".gpu"], command:  bash .gpu/throughput.sh
# which runs, on the one machine, the generated-vs-hand-written program (on CUDA) and PyTorch eager in two interleaved
# pairs of two rounds each, on the three MNIST-sized shapes and the two Fashion-MNIST ones; ABLATE=1 adds the
# ablation. It prints the medians and ratios last; the log also goes to $OUT when set.
# PRECISION=1 bash .gpu/throughput.sh runs training.precision instead (a separate call: it takes about as long): the
# generated MLP-2048, CNN and Fashion CNN at fp32, tf32 and bf16 against PyTorch eager at the same precision (bf16:
# autocast), two rounds each, and prints time, test accuracy and the speed ratios.
# Fashion-MNIST itself would take the bundle over the device tool's 64 MiB, so the machine writes random images of its
# size and format where Debian's package puts it (speed does not depend on pixel values; the PyTorch twin uses random
# bytes too).
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-}" in
  pack)
    bash ../shared/gpu/pack.sh benchmarks/Throughput/Throughput.csproj
    cp benchmarks/Throughput/pytorch_twin.py .gpu/
    cat > .gpu/throughput.sh <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log=${OUT:-/tmp}/throughput.log
# Random images in Fashion-MNIST's IDX files (60,000 + 10,000, 28 × 28), where Debian's package puts them.
python3 - <<'IDX'
import gzip, os, random, struct
folder = os.environ.get("FASHION_FOLDER", "/usr/share/datasets/fashion-mnist")
os.makedirs(folder, exist_ok=True)
draw = random.Random(42)
for prefix, count in (("train", 60000), ("t10k", 10000)):
    with gzip.open(f"{folder}/{prefix}-images-idx3-ubyte.gz", "wb", compresslevel=1) as images:
        images.write(struct.pack(">IIII", 0x803, count, 28, 28) + draw.randbytes(count * 784))
    with gzip.open(f"{folder}/{prefix}-labels-idx1-ubyte.gz", "wb", compresslevel=1) as labels:
        labels.write(struct.pack(">II", 0x801, count) + bytes(b % 10 for b in draw.randbytes(count)))
IDX
if [ "${PRECISION:-0}" = 1 ]; then
  log=${OUT:-/tmp}/precision.log
  {
    nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader || true
    echo "== RecipeDsl (generated) at fp32, tf32 and bf16, two rounds"
    bash "$here/run.sh" Throughput.dll 2 precision fashion
    for precision in fp32 tf32 bf16; do
      echo "== PyTorch eager at $precision, two rounds"
      PYTHONUNBUFFERED=1 python3 "$here/pytorch_twin.py" --rounds 2 --device cuda --fashion --precision "$precision" \
        --shape "MLP 784-2048" --shape "CNN" --shape "Fashion CNN"
    done
  } 2>&1 | tee "$log"
  python3 - "$log" <<'SUMMARY'
import re, statistics, sys
generated, pytorch, accuracy = {}, {}, {}
for line in open(sys.argv[1], encoding="utf-8"):
    if m := re.match(r"round \d+\s+(.+?)\s+precision (\w+)\s+([\d.]+) s\s+test accuracy ([\d.]+) ?%", line):
        generated.setdefault((m[1], m[2]), []).append(float(m[3]))
        accuracy.setdefault((m[1], m[2]), []).append(m[4])
    elif m := re.match(r"round \d+\s+(.+?)\s+[\d,]+ examples .*pytorch ([\d.]+) s.*?(?:precision (\w+))?$", line.rstrip()):
        pytorch.setdefault((m[1], m[3] or "fp32"), []).append(float(m[2]))
print("shape | precision | generated | PyTorch eager | generated vs PyTorch | generated vs its fp32 | test accuracy % (rounds)")
for (shape, precision), runs in generated.items():
    g = statistics.median(runs)
    p = statistics.median(pytorch.get((shape, precision), [float("nan")]))
    fp32 = statistics.median(generated[(shape, "fp32")])
    print(f"{shape} | {precision} | {g:.3f} | {p:.3f} | {p / g:.2f}x | {fp32 / g:.2f}x | {' / '.join(accuracy[(shape, precision)])}")
SUMMARY
  exit 0
fi
{
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader || true
  echo "== pair 1: RecipeDsl (generated) and hand-written TorchSharp, two rounds"
  bash "$here/run.sh" Throughput.dll 2 fashion
  echo "== pair 1: PyTorch eager, two rounds"
  PYTHONUNBUFFERED=1 python3 "$here/pytorch_twin.py" --rounds 2 --device cuda --fashion
  echo "== pair 2: RecipeDsl (generated) and hand-written TorchSharp, two rounds"
  bash "$here/run.sh" Throughput.dll 2 fashion
  echo "== pair 2: PyTorch eager, two rounds"
  PYTHONUNBUFFERED=1 python3 "$here/pytorch_twin.py" --rounds 2 --device cuda --fashion
  if [ "${ABLATE:-0}" = 1 ]; then
    echo "== the small MLP's hand-written loop with each step of the generated one added (flat AdamW among them)"
    bash "$here/run.sh" Throughput.dll 3 ablate
  fi
} 2>&1 | tee "$log"
# Medians over all rounds of each shape, and the speed ratios against the generated trainer.
python3 - "$log" <<'SUMMARY'
import re, statistics, sys
times = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if m := re.match(r"round \d+\s+(.+?)\s+[\d,]+ examples .*generated ([\d.]+) s\s+hand-written ([\d.]+) s", line):
        times.setdefault(m[1], {}).setdefault("generated", []).append(float(m[2]))
        times[m[1]].setdefault("hand-written", []).append(float(m[3]))
    elif m := re.match(r"round \d+\s+(.+?)\s+[\d,]+ examples .*pytorch ([\d.]+) s", line):
        times.setdefault(m[1], {}).setdefault("pytorch", []).append(float(m[2]))
print("shape | generated | hand-written TorchSharp | PyTorch eager | generated vs PyTorch | generated vs hand-written (median epoch s, rounds)")
for shape, runs in times.items():
    g, h, p = (statistics.median(runs.get(k, [float("nan")])) for k in ("generated", "hand-written", "pytorch"))
    print(f"{shape} | {g:.3f} | {h:.3f} | {p:.3f} | {p / g:.2f}x | {h / g:.2f}x | {len(runs.get('generated', []))}/{len(runs.get('pytorch', []))}")
SUMMARY
INNER
    echo "ready: carry [\".gpu\"], command: bash .gpu/throughput.sh"
    ;;
  *)
    echo "usage: bash benchmarks/Throughput/run-on-gpu.sh pack" >&2
    exit 2
    ;;
esac
