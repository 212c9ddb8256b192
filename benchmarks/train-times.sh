#!/usr/bin/env bash
# Wall-clock time of `recipedsl train` for every sample recipe (Release build, this machine's CPUs).
# Run by hand from the repository root:  bash benchmarks/train-times.sh
set -euo pipefail
dotnet build -c Release src/RecipeDsl.Cli -v:q -nologo >/dev/null
for recipe in $(dotnet run -c Release --no-build --project src/RecipeDsl.Cli -- list | tail -n +2 | awk '{print $2}' | sed 's/\.recipe\.yaml$//'); do
  /usr/bin/time -f "$recipe	%e s	%M KiB max RSS" dotnet run -c Release --no-build --project src/RecipeDsl.Cli -- train "$recipe" >/dev/null
done
