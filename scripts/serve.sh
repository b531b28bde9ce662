#!/usr/bin/env bash
# Builds the planner and serves it at http://127.0.0.1:8080 (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
exec trunk serve --release --offline --address 127.0.0.1 --port 8080
