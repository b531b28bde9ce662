# Sourced by the scripts: tools installed by setup.sh first on PATH.
PATH="$(pwd)/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PATH
