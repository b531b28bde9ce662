#!/usr/bin/env bash
# Installs what is missing, then runs every check: format, lints (native and
# wasm32), native tests, the release build with its size budget, and the
# browser tests in headless Chromium. Fails on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
# The page's code (feature `web`) compiles natively too, so its pure helpers
# have native unit tests; wasm32 gets the page's own feature set.
step "clippy (native, all features)"
cargo clippy --all-targets --all-features --locked -- -D warnings
step "clippy (wasm32, the page's features)"
cargo clippy --all-targets --no-default-features --features web --locked --target wasm32-unknown-unknown -- -D warnings
step "clippy (wasm32, the importer worker's features)"
cargo clippy --all-targets --no-default-features --features worker --locked --target wasm32-unknown-unknown -- -D warnings
step "clippy (wasm32, the cluster page worker's features)"
cargo clippy --all-targets --no-default-features --features cluster-worker --locked --target wasm32-unknown-unknown -- -D warnings
step "native tests"
cargo test --all-features --locked
step "release build (trunk)"
trunk build --release --offline
step "bundle size"
node scripts/bundle-size.mjs --check
step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
