"""Throughput and memory of ``kg build`` against a bare spaCy pass, and SPARQL timings.

Usage (from the repository root):

    .venv/bin/python benchmarks/bench.py --limit 300
    .venv/bin/python benchmarks/bench.py            # all 2,000 articles, 2 rounds (~30 min)

Every measurement runs in a fresh Python process so that its peak RSS is its
own. Phases, for 1 and 2 workers: a bare spaCy ``nlp.pipe`` over the texts, and
the library build path (:func:`kg.pipeline.build` into an on-disk Oxigraph
store) over the same articles, instrumented to split its time into parse,
extract (:func:`kg.facts.extract`), entity resolution and store (RDF conversion +
write). Each pair runs ``--rounds`` times in alternating order (bare first, then
build first), since a shared machine drifts; the summary gives the median of the
rounds' ratios, by wall time and by CPU time (all threads and worker processes).
Then three typical SPARQL queries on the built store, against rdflib's
in-memory engine on the same triples, and the GEXF and Turtle export times.
Model loading is not timed. Words are whitespace-separated tokens of the text.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

CORPUS = Path("/work/shared/bench/press-releases-2000.jsonl")
REPEATS = 3
MEMORY_CAP = 8 * 1024**3  # address space per phase: a runaway extractor fails instead of swapping
# DISTINCT throughout, so the rows do not depend on how an engine merges graphs
# (Oxigraph's query-time union of named graphs is a multiset; GraphStore avoids it)
QUERIES: dict[str, str] = {
    "top speakers": """
        SELECT ?name (COUNT(DISTINCT ?s) AS ?n) WHERE {
          ?s a kg:Statement ; kg:speaker ?who . ?who rdfs:label ?name .
        } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 10""",
    "largest pledges": """
        SELECT DISTINCT ?pledger ?value ?currency WHERE {
          ?p a kg:Pledge ; kg:pledger ?who ; kg:amount ?m . ?who rdfs:label ?pledger .
          ?m schema:value ?value ; schema:currency ?currency .
        } ORDER BY DESC(?value) ?pledger LIMIT 20""",
    "who met whom": """
        SELECT ?a ?b (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?m a kg:Meeting ; schema:attendee ?a, ?b . FILTER(STR(?a) < STR(?b))
        } GROUP BY ?a ?b ORDER BY DESC(?n) ?a ?b LIMIT 20""",
}


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_mb": round(own, 1), "child_rss_mb": round(children, 1)}


def read_texts(corpus: Path, limit: int | None) -> Iterator[str]:
    with corpus.open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)["text"]


def words_in(corpus: Path, limit: int | None) -> tuple[int, int]:
    articles = words = 0
    for text in read_texts(corpus, limit):
        articles += 1
        words += len(text.split())
    return articles, words


def phase_spacy(args: argparse.Namespace) -> dict[str, Any]:
    """A bare ``nlp.pipe`` pass: the ceiling for any spaCy-based extractor."""
    from kg.document import load_pipeline

    nlp = load_pipeline()
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(read_texts(args.corpus, args.limit), n_process=args.workers, batch_size=32):
        pass
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": cpu_seconds() - cpu,
        **peak_rss_mb(),
    }


def cpu_seconds() -> float:
    """CPU time of this process (all threads) and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timer:
    """Accumulates the time spent in wrapped functions, by bucket."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, bucket: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*a: Any, **kw: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*a, **kw)
            finally:
                self.seconds[bucket] = self.seconds.get(bucket, 0.0) + time.perf_counter() - start

        return timed


def phase_build(args: argparse.Namespace) -> dict[str, Any]:
    """The library build path into an on-disk store, with its time split by stage."""
    import kg.pipeline
    from kg.document import load_pipeline
    from kg.entities import EntityResolver
    from kg.store import GraphStore

    load_pipeline()
    gc.freeze()  # as the kg build command does once the pipeline is loaded
    timer = Timer()
    kg.pipeline.extract = timer.wrap("extract", kg.pipeline.extract)
    EntityResolver.resolve = timer.wrap("resolve", EntityResolver.resolve)  # type: ignore[method-assign]
    store = GraphStore.open(args.store, create=True)
    store.add = timer.wrap("store", store.add)  # type: ignore[method-assign]
    store.document_hash = timer.wrap("store", store.document_hash)  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with args.corpus.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if args.limit is not None and i >= args.limit:
                    break
                out.write(line)
        start, cpu = time.perf_counter(), cpu_seconds()
        _, report = kg.pipeline.build([sample], store, workers=args.workers)
        seconds = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
    memory = peak_rss_mb()
    stages = {k: round(v, 2) for k, v in timer.seconds.items()}
    stages["parse (rest)"] = round(seconds - sum(timer.seconds.values()), 2)
    digest = hashlib.sha256()
    for t in store.triples():
        digest.update(f"{t}\n".encode())
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "documents": report.documents,
        "facts": report.facts,
        "triples": len(store),
        "stages": stages,
        "graph_sha256": digest.hexdigest()[:16],
        **memory,
    }


def median_time(run: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def phase_query(args: argparse.Namespace) -> dict[str, Any]:
    """Typical SPARQL queries on the built store vs rdflib in memory; export times."""
    import pyoxigraph as ox
    import rdflib

    from kg.export import write_gexf, write_rdf
    from kg.store import GraphStore

    store = GraphStore.open(args.store)
    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(store.triples(), format=ox.RdfFormat.N_TRIPLES), format="nt")
    load_rdflib = time.perf_counter() - start
    rows: dict[str, Any] = {}
    for name, sparql in QUERIES.items():
        ox_s, ox_rows = median_time(partial(_oxigraph_rows, store, sparql))
        rl_s, rl_rows = median_time(partial(_rdflib_rows, graph, sparql))
        rows[name] = {
            "oxigraph_ms": round(ox_s * 1000, 2),
            "rdflib_ms": round(rl_s * 1000, 2),
            "rows": [len(ox_rows), len(rl_rows)],
        }
    gexf_s, _ = median_time(lambda: write_gexf(store, io.BytesIO()))
    ttl_s, _ = median_time(lambda: write_rdf(store, io.BytesIO(), "ttl"))
    return {
        "queries": rows,
        "rdflib_load_s": round(load_rdflib, 2),
        "gexf_s": round(gexf_s, 3),
        "turtle_s": round(ttl_s, 3),
        "triples": len(graph),
    }


def _oxigraph_rows(store: Any, sparql: str) -> list[Any]:
    return list(store.query(sparql))


def _rdflib_rows(graph: Any, sparql: str) -> list[Any]:
    from kg.vocab import PREFIXES

    return list(graph.query(sparql, initNs=PREFIXES))


PHASES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "spacy": phase_spacy,
    "build": phase_build,
    "query": phase_query,
}


def run_phase(args: argparse.Namespace, phase: str, workers: int, store: Path) -> dict[str, Any]:
    command = [sys.executable, "-X", "faulthandler", __file__, "--phase", phase]
    command += ["--workers", str(workers)]
    command += ["--corpus", str(args.corpus), "--store", str(store)]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    print(f"# {phase} workers={workers} {store.name} …", file=sys.stderr, flush=True)
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, preexec_fn=_cap_memory
    )
    if done.returncode != 0:
        sys.exit(f"phase {phase} failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def report(args: argparse.Namespace, results: dict[str, Any], articles: int, words: int) -> str:
    runs = results["runs"]
    lines = [
        f"Corpus: {args.corpus.name}, first {articles} articles, {words:,} words; "
        f"{args.rounds} round(s) per worker count, bare and build in alternating order.",
        "",
        "| run | workers | round | s | words/s | CPU s | × bare spaCy (wall) "
        "| CPU ÷ bare CPU | peak RSS MB (main + child) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for w in args.worker_counts:
        for r in range(args.rounds):
            bare, build = runs[f"spacy{w}-{r}"], runs[f"build{w}-{r}"]
            for name, run in (("bare spaCy nlp.pipe", bare), ("kg build → store", build)):
                lines.append(
                    f"| {name} | {w} | {r + 1} | {run['seconds']:.1f} "
                    f"| {words / run['seconds']:,.0f} | {run['cpu_seconds']:.1f} "
                    f"| {bare['seconds'] / run['seconds']:.3f} "
                    f"| {run['cpu_seconds'] / bare['cpu_seconds']:.3f} "
                    f"| {run['rss_mb']:.0f} + {run['child_rss_mb']:.0f} |"
                )
    lines += ["", "Summary (median over rounds of each round's ratio):", ""]
    lines += ["| workers | kg build ÷ bare spaCy (wall) | CPU overhead of kg build |"]
    lines += ["|---|---|---|"]
    for w in args.worker_counts:
        wall = [ratio(runs, w, r, "seconds") for r in range(args.rounds)]
        extra = [1 / ratio(runs, w, r, "cpu_seconds") - 1 for r in range(args.rounds)]
        lines.append(
            f"| {w} | {statistics.median(wall):.3f} ({', '.join(f'{x:.3f}' for x in wall)}) "
            f"| {statistics.median(extra):+.1%} ({', '.join(f'{x:+.1%}' for x in extra)}) |"
        )
    lines += ["", "Time inside `kg build` by stage (seconds, main process):", ""]
    lines += [
        "| workers | round | parse (rest) | extract | resolve | store (RDF + write) | facts |",
        "|---|---|---|---|---|---|---|",
    ]
    for w in args.worker_counts:
        for r in range(args.rounds):
            b = runs[f"build{w}-{r}"]
            s = b["stages"]
            lines.append(
                f"| {w} | {r + 1} | {s.get('parse (rest)', 0)} | {s.get('extract', 0)} "
                f"| {s.get('resolve', 0)} | {s.get('store', 0)} | {b['facts']} |"
            )
    hashes = {run["graph_sha256"] for key, run in runs.items() if key.startswith("build")}
    lines += ["", f"Same graph in every build: {'yes' if len(hashes) == 1 else 'NO'}."]
    q = results["query"]
    lines += [
        "",
        f"SPARQL on the built store ({q['triples']:,} triples), median of {REPEATS}:",
        "",
        "| query | Oxigraph ms | rdflib ms | rdflib ÷ Oxigraph | rows (Oxigraph, rdflib) |",
        "|---|---|---|---|---|",
    ]
    for name, r in q["queries"].items():
        speedup = r["rdflib_ms"] / max(r["oxigraph_ms"], 1e-3)
        lines.append(
            f"| {name} | {r['oxigraph_ms']} | {r['rdflib_ms']} | {speedup:.1f}× "
            f"| {r['rows'][0]}, {r['rows'][1]} |"
        )
    lines += [
        "",
        f"Export: GEXF {q['gexf_s']} s, Turtle {q['turtle_s']} s; "
        f"loading the same triples into rdflib took {q['rdflib_load_s']} s.",
    ]
    return "\n".join(lines)


def ratio(runs: dict[str, Any], workers: int, rnd: int, key: str) -> float:
    """Bare spaCy's ``key`` (seconds or CPU seconds) over kg build's, in one round."""
    return float(runs[f"spacy{workers}-{rnd}"][key] / runs[f"build{workers}-{rnd}"][key])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--worker-counts", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=2, help="bare/build pairs per worker count")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args)))
        return
    articles, words = words_in(args.corpus, args.limit)
    runs: dict[str, Any] = {}
    results: dict[str, Any] = {"runs": runs}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for w in args.worker_counts:
            for r in range(args.rounds):
                # Alternate the order, so that a machine slowing down or speeding up
                # during the run does not favour one side.
                order = ("spacy", "build") if r % 2 == 0 else ("build", "spacy")
                for phase in order:
                    store = Path(tmp) / f"store{w}-{r}"
                    runs[f"{phase}{w}-{r}"] = run_phase(args, phase, w, store)
        first = args.worker_counts[0]
        results["query"] = run_phase(args, "query", first, Path(tmp) / f"store{first}-0")
    results.update(articles=articles, words=words)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(report(args, results, articles, words))


if __name__ == "__main__":
    main()
