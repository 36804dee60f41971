#!/usr/bin/env bash
# Install kg with its test tools into .venv, then lint, type-check and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
.venv/bin/ruff check kg tests scripts benchmarks
.venv/bin/ruff format --check kg tests scripts benchmarks
.venv/bin/mypy
.venv/bin/pytest "$@"
