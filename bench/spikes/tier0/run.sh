#!/bin/bash
# Tier-0 spike measurements (see README.md here): 3 runs of the warm-process comparison and
# 10 fresh processes per path. Run from the repository root: bash bench/spikes/tier0/run.sh
set -e
out=bench/.out/spike-tier0
mkdir -p $out
node_modules/.bin/esbuild bench/spikes/tier0/bench.ts --bundle --platform=node --format=esm --outfile=$out/bench.mjs --log-level=warning
node_modules/.bin/esbuild bench/spikes/tier0/check.ts --bundle --platform=node --format=esm --outfile=$out/check.mjs --log-level=warning
node $out/check.mjs
for r in 1 2 3; do
  node $out/bench.mjs warm 200
  for i in $(seq 10); do node $out/bench.mjs fresh-tier0; node $out/bench.mjs fresh-jinjit; done
done
