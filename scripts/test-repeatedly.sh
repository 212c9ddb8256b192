#!/usr/bin/env bash
# Proof that the test suite does not flip. On a fresh clone of HEAD (as CI sees it): installs what .ci/run installs,
# runs the README's test command N times in a row (default 10), stopping at the first failure, then runs every test
# that trains (Runtime.Tests' EndToEnd and Training classes, all of Cli.Tests) alone, each in its own process.
#   bash scripts/test-repeatedly.sh [N]
# Logs stay in the printed folder. Takes about 3 minutes per run on 2 cores.
set -euo pipefail
runs=${1:-10}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/recipedsl-repeat-XXXXXX)
echo "fresh clone of $(git -C "$repo" rev-parse --short HEAD) in $work/clone; logs in $work"
git clone -q "$repo" "$work/clone"
cd "$work/clone"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
npm ci --prefix tests/yaml-language-server --no-audit --no-fund >"$work/npm.log" 2>&1

for i in $(seq 1 "$runs"); do
  start=$SECONDS
  if ! dotnet test RecipeDsl.sln >"$work/run-$i.log" 2>&1; then
    echo "run $i of $runs FAILED ($work/run-$i.log):"
    grep -E "\[FAIL\]|Error Message" -A2 "$work/run-$i.log" | head -40
    exit 1
  fi
  echo "run $i of $runs green in $((SECONDS - start)) s: $(grep -E '^Passed!' "$work/run-$i.log" | sed -E 's/.*Passed: +([0-9]+).*- ([A-Za-z.]+)\.dll.*/\2 \1/' | tr '\n' ' ')"
done

alone=0
for project in tests/RecipeDsl.Runtime.Tests tests/RecipeDsl.Cli.Tests; do
  dotnet test "$project" --no-build --list-tests >"$work/list.log" 2>&1 || { echo "listing the tests of $project failed ($work/list.log)"; exit 1; }
  # Theory cases share a method: each method runs alone once, with all its cases.
  for method in $(sed -n 's/^    //p' "$work/list.log" | sed 's/(.*//' | grep -E '\.(EndToEnd|Training)\.|Cli\.Tests\.' | sort -u); do
    if ! dotnet test "$project" --no-build --filter "FullyQualifiedName=$method" >"$work/alone.log" 2>&1 \
        || ! grep -q '^Passed!' "$work/alone.log"; then
      echo "alone: $method FAILED (or matched no test)"
      grep -E "Error Message" -A3 "$work/alone.log" | head -20
      exit 1
    fi
    alone=$((alone + 1))
  done
done
[ "$alone" -gt 0 ] || { echo "found no training test to run alone"; exit 1; }
echo "all $runs runs green; $alone training tests green when run alone"
