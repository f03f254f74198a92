# Shared setup for scripts/build, scripts/test and scripts/serve (sourced, not run).
# Creates .venv with Python 3.11+ and installs requirements.lock + the package, but only
# when requirements.lock or pyproject.toml changed since the last install (stamp file).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python() {
    local candidate
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "error: Python 3.11 or newer is needed (apt-get install python3.11 python3.11-venv)" >&2
    return 1
}

if [ ! -x .venv/bin/python ]; then
    PYTHON="$(find_python)"
    echo "Creating .venv with $("$PYTHON" --version)" >&2
    if ! "$PYTHON" -m venv .venv; then
        echo "error: could not create .venv (on Debian: apt-get install python3.11-venv)" >&2
        rm -rf .venv
        exit 1
    fi
fi

STAMP=.venv/.dossier-install-stamp
WANT="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
    echo "Installing dependencies from requirements.lock into .venv" >&2
    .venv/bin/python -m pip install --quiet --no-deps -r requirements.lock
    .venv/bin/python -m pip install --quiet --no-deps -e .
    echo "$WANT" > "$STAMP"
fi

# Byte-compile the package (quick when nothing changed): each run then imports it without
# compiling it again, also where PYTHONDONTWRITEBYTECODE keeps Python from writing the cache.
.venv/bin/python -m compileall -q dossier >/dev/null 2>&1 || true
