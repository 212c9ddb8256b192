#!/usr/bin/env bash
# Wall-clock time of `recipedsl train` for every sample recipe, and of `recipedsl sweep` for the sweep sample
# (Release build, this machine's CPUs). Run by hand from the repository root:  bash benchmarks/train-times.sh
set -euo pipefail
cli=(dotnet run -c Release --no-build --project src/RecipeDsl.Cli --)
dotnet build -c Release src/RecipeDsl.Cli -v:q -nologo >/dev/null
# mnist-sgd-too-fast diverges on purpose (exit code 3): it is not a training time.
# The sample recipes by file name (the compiled-in ones: `recipedsl list` shows the same set as a table).
for recipe in $(ls recipes/*.recipe.yaml | xargs -n1 basename | sed 's/\.recipe\.yaml$//' | grep -vx mnist-sgd-too-fast); do
  /usr/bin/time -f "train $recipe	%e s	%M KiB max RSS" "${cli[@]}" train "$recipe" >/dev/null
done
/usr/bin/time -f "sweep mnist-sweep	%e s	%M KiB max RSS" "${cli[@]}" sweep mnist-sweep >/dev/null
