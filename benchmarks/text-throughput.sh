#!/usr/bin/env bash
# Tokens per second of the sample byte-level transformer (issue 11), on whatever machine runs it.
# Needs Debian's fortunes package (apt-get install fortunes). Prints the median epoch time over epochs 2..N
# and the training tokens per second it implies (windows × sequence_length predicted tokens per epoch).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
dotnet build -c Release src/RecipeDsl.Cli >/dev/null
log=$(dotnet run -c Release --no-build --project src/RecipeDsl.Cli -- train fortunes-transformer --epochs "${EPOCHS:-5}" --out "$out")
echo "$log" | grep -E "windows of|epoch "
# "windows of 128: 1506 train, …": the training windows and the tokens each predicts.
python3 - "$out/FortunesTransformer.metrics.jsonl" "$(echo "$log" | grep -oE 'windows of [0-9]+: [0-9]+ train')" <<'PY'
import json, re, statistics, sys
epochs = [json.loads(line) for line in open(sys.argv[1])]
length, windows = map(int, re.findall(r"[0-9]+", sys.argv[2]))
seconds = statistics.median(e["seconds"] for e in epochs[1:]) if len(epochs) > 1 else epochs[0]["seconds"]
print(f"median epoch {seconds:.2f} s over epochs 2..{len(epochs)}: {windows * length / seconds:,.0f} training tokens/s")
PY
rm -rf "$out"
