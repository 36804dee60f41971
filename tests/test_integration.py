"""The whole path through the real spaCy pipeline on the bundled sample articles."""

from __future__ import annotations

import gc
import json
import re
import weakref
from decimal import Decimal

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.facts import extract
from kg.pipeline import build, extract_documents
from kg.records import Pledge, Role, Statement, fact_to_json
from kg.validate import validate
from tests.conftest import DATA

NATO_DOC = "nato-foreign-ministers-2025-04-04"


@pytest.fixture(scope="module")
def extractions(nlp):
    return list(extract_documents([DATA]))


@pytest.fixture(scope="module")
def built(nlp):
    store, report = build([DATA])
    return store, report


def facts_of(extractions, doc_id, kind):
    (ex,) = [e for e in extractions if e.document.id == doc_id]
    return [f for f in ex.facts if isinstance(f, kind)]


def test_offsets_point_at_the_text_as_read(extractions):
    for ex in extractions:
        text = ex.document.text
        for fact in ex.facts:
            row = fact_to_json(fact)
            if isinstance(fact, Statement):
                assert text[slice(*fact.content_span)] == fact.content
                assert fact.cue.split()[0].lower() in text[slice(*fact.cue_span)].lower()
            elif isinstance(fact, Pledge):
                assert text[slice(*fact.span)] == fact.text
            json.dumps(row)


def test_rutte_statements_reported_and_direct(extractions):
    statements = facts_of(extractions, NATO_DOC, Statement)
    by_rutte = [s for s in statements if s.speaker == "Mark Rutte"]
    contents = " ".join(s.content for s in by_rutte)
    assert "the allies were united" in contents
    assert any(s.direct and s.content.startswith("We cannot afford to wait") for s in by_rutte)
    assert any(s.speaker_is_pronoun for s in by_rutte)
    assert all(s.speaker_id and s.speaker_id.endswith("/person/mark-rutte") for s in by_rutte)


def test_nato_pledge_normalised(extractions):
    pledges = facts_of(extractions, NATO_DOC, Pledge)
    eur = [p for p in pledges if p.currency == "EUR"]
    assert eur and eur[0].amount == Decimal("20000000000")
    assert eur[0].recipient == "Ukraine"
    assert eur[0].period == "2025-01-01/2025-03-31"


def test_roles_found(extractions):
    roles = {(r.person, r.organisation) for r in facts_of(extractions, NATO_DOC, Role)}
    assert ("Mark Rutte", "NATO") in roles


def test_build_validates_and_is_deterministic(built, tmp_path):
    store, report = built
    assert report.documents == 3 and report.facts > 10
    assert validate(store).conforms
    runner = CliRunner()
    outputs = []
    for name in ("a.ttl", "b.ttl"):
        result = runner.invoke(cli, ["build", str(DATA), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_cli_chain_on_sample_data(tmp_path):
    runner = CliRunner()
    graph = tmp_path / "g.ttl"
    assert runner.invoke(cli, ["build", str(DATA), "-o", str(graph)]).exit_code == 0
    result = runner.invoke(
        cli,
        [
            "query",
            str(graph),
            'SELECT ?c WHERE { ?p kg:pledger/rdfs:label "NATO" ; kg:amount/schema:currency ?c }',
        ],
    )
    assert result.exit_code == 0
    assert "EUR" in result.output
    gexf = tmp_path / "a.gexf"
    assert (
        runner.invoke(cli, ["export", str(graph), "--format", "gexf", "-o", str(gexf)]).exit_code
        == 0
    )
    network = nx.read_gexf(gexf)
    labels = {d["label"] for _, d in network.nodes(data=True)}
    assert {"Mark Rutte", "NATO", "Ukraine"} <= labels
    assert runner.invoke(cli, ["validate", str(graph)]).output == "conforms\n"
    shown = runner.invoke(cli, ["show", "Rutte", str(graph)])
    assert shown.exit_code == 0 and f"[{NATO_DOC}]" in shown.output


def test_store_skips_unchanged_and_replaces_changed(tmp_path):
    runner = CliRunner()
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Rutte visit\n\nMark Rutte said the allies were united.", encoding="utf-8")
    store = tmp_path / "store"
    first = runner.invoke(cli, ["build", str(folder), "--store", str(store)])
    assert "1 documents (1 added, 0 replaced, 0 unchanged)" in first.output
    again = runner.invoke(cli, ["build", str(folder), "--store", str(store)])
    assert "1 documents (0 added, 0 replaced, 1 unchanged)" in again.output
    article.write_text("Rutte visit\n\nMark Rutte said the allies were ready.", encoding="utf-8")
    changed = runner.invoke(cli, ["build", str(folder), "--store", str(store)])
    assert "1 documents (0 added, 1 replaced, 0 unchanged)" in changed.output
    contents = runner.invoke(cli, ["query", str(store), "SELECT ?c WHERE { ?s kg:content ?c }"])
    assert "the allies were ready" in contents.output
    assert "united" not in contents.output


def test_batch_with_a_bad_file_exits_3_and_keeps_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Mark Rutte said the allies were united.")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 3
    assert f"Error: {folder / 'bad.txt'}: not UTF-8 text (skipped)" in result.output
    assert out.exists()
    strict = CliRunner().invoke(
        cli, ["build", str(folder), "-o", str(tmp_path / "s.ttl"), "--strict"]
    )
    assert strict.exit_code == 1
    assert not (tmp_path / "s.ttl").exists()


def test_strict_build_into_a_store_keeps_the_articles_before_the_error(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):  # more than one spaCy batch before the bad file
        (folder / f"a{i:02}.txt").write_text(f"Mark Rutte said the allies had met {i} times.")
    (folder / "b.txt").write_bytes(b"\xff\xfe\xfa")
    store = tmp_path / "store"
    strict = CliRunner().invoke(cli, ["build", str(folder), "--store", str(store), "--strict"])
    assert strict.exit_code == 1
    assert strict.output == f"Error: {folder / 'b.txt'}: not UTF-8 text\n"
    del strict  # its traceback holds the store open
    gc.collect()
    (folder / "b.txt").unlink()
    again = CliRunner().invoke(cli, ["build", str(folder), "--store", str(store)])
    added, unchanged = map(
        int, re.search(r"(\d+) added, 0 replaced, (\d+) unchanged", again.output).groups()
    )
    assert added + unchanged == 40
    assert unchanged >= 32  # the articles parsed before the error were written


def test_two_workers_give_the_same_output_as_one(tmp_path):
    runner = CliRunner()
    graphs = []
    for workers in ("1", "2"):
        out = tmp_path / f"g{workers}.ttl"
        built = runner.invoke(cli, ["build", str(DATA), "-o", str(out), "-j", workers])
        assert built.exit_code == 0, built.output
        graphs.append(out.read_bytes())
    assert graphs[0] == graphs[1]
    lines = [runner.invoke(cli, ["extract", str(DATA), "-j", j]).output for j in ("1", "2")]
    assert lines[0] == lines[1] and lines[0].count("\n") > 10


def test_readme_cookbook_queries_answer_on_sample_data(built):
    store, _ = built
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sparql\n(.*?)```", readme, re.S)
    assert len(queries) >= 4
    for query in queries:
        rows = list(store.query(query))
        assert rows, query


def test_a_parsed_doc_is_freed_once_its_facts_are_out(make_doc):
    # The extractors' per-Doc caches hold Spans, which point back at the Doc: left in
    # place they would make every Doc a reference cycle that only the GC frees.
    document, doc = make_doc("NATO Secretary General Mark Rutte said the allies were ready.")
    facts = extract(doc, document).facts
    assert facts
    assert not [k for k in doc.user_data if isinstance(k, str) and k.startswith("kg.")]
    ref = weakref.ref(doc)
    gc.disable()
    try:
        del doc
        assert ref() is None
    finally:
        gc.enable()
