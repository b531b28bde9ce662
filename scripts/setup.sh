#!/usr/bin/env bash
# Installs what building and testing the planner needs, skipping whatever is
# already in place at the right version. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than this machine has
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf 'setup: %s\n' "$*"; }

if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "setup: Trunk.toml's wasm_bindgen must be $WASM_BINDGEN_VERSION, as in Cargo.lock" >&2
  exit 1
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32 target present"
else
  rustup target add wasm32-unknown-unknown
fi

if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "trunk $TRUNK_VERSION present"
else
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION present"
else
  # Not --locked: its lock file pins a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt (binaryen) and Playwright come from npm, pinned by package-lock.json.
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] &&
  cmp -s package-lock.json.stamp <(sha256sum package-lock.json) 2>/dev/null; then
  say "npm packages present"
else
  npm ci --no-audit --no-fund
  sha256sum package-lock.json >package-lock.json.stamp
fi

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  say "chromium present"
else
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
