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
step "clippy (native)"
cargo clippy --all-targets --locked -- -D warnings
step "clippy (wasm32)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
step "native tests"
cargo test --locked
step "release build (trunk)"
trunk build --release --offline
step "bundle size"
node scripts/bundle-size.mjs --check
step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
