#!/usr/bin/env bash
# Issue 12 on a lent GPU machine, prepared on the CPU machine. From the repository root:
#   bash benchmarks/Throughput/run-on-gpu.sh pack     # here: bundles the .NET program and the PyTorch twin into .gpu/
# then with the device tool: run, carry [".gpu"], command:  bash .gpu/throughput.sh
# which runs, on the one machine in one go, the generated-vs-hand-written program (on CUDA) and PyTorch eager.
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
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
bash "$here/run.sh" Throughput.dll 2
python3 "$here/pytorch_twin.py" --rounds 2 --device cuda
INNER
    echo "ready: carry [\".gpu\"], command: bash .gpu/throughput.sh"
    ;;
  *)
    echo "usage: bash benchmarks/Throughput/run-on-gpu.sh pack" >&2
    exit 2
    ;;
esac
