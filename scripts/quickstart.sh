#!/usr/bin/env bash
# Install kg into .venv, build the graph of the sample articles in data/ and ask it who said what.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
.venv/bin/kg build data/ -o graph.ttl
.venv/bin/kg query graph.ttl '
SELECT ?speaker ?cue ?content WHERE {
  ?s a kg:Statement ; kg:speaker/rdfs:label ?speaker ; kg:cue ?cue ; kg:content ?content .
} ORDER BY ?speaker ?content LIMIT 10'
