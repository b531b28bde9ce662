#!/usr/bin/env bash
# Prints the planner's speed (native, ns per operation) and the shipped size
# of the page (gzip -9). Numbers only; the test command checks the size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
. scripts/env.sh
cargo bench --bench planner --locked 2>/dev/null
trunk build --release --offline >/dev/null 2>&1
node scripts/bundle-size.mjs
# startup (nav-to-grid against static HTML, wasm-to-grid split), input to
# update, a large paste
node scripts/bench-page.mjs
