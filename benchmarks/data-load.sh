#!/usr/bin/env bash
# Loading Fashion-MNIST (70,000 IDX images from Debian's dataset-fashion-mnist) and one MLP epoch over its 54,000
# training images (Release build, this machine's CPUs). Run by hand from the repository root:  bash benchmarks/data-load.sh
set -euo pipefail
cli=(dotnet run -c Release --no-build --project src/RecipeDsl.Cli --)
dotnet build -c Release src/RecipeDsl.Cli -v:q -nologo >/dev/null
for run in 1 2 3; do
  # The 'loaded in' figure is measured inside the process: reading, checking, splitting and the normalisation statistics.
  /usr/bin/time -f "data fashion-mlp (run $run)	%e s wall	%M KiB max RSS" "${cli[@]}" data fashion-mlp | grep -o 'loaded in [0-9.]* s'
done
/usr/bin/time -f "train fashion-mlp --epochs 1	%e s wall	%M KiB max RSS" "${cli[@]}" train fashion-mlp --epochs 1 --out /tmp/recipedsl-bench-fashion \
  | grep -E 'data:|epoch +1'
rm -rf /tmp/recipedsl-bench-fashion
