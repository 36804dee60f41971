"""The ``kg`` command line: thin wrappers over the library.

Each command parses options, calls one library function and formats the result.
Library errors (:class:`~kg.errors.KgError`) become one ``Error: …`` line and
exit status 1; usage errors exit 2 (click's own).
"""

from __future__ import annotations

import gc
import inspect
import json
import sys
import time
from collections.abc import Callable
from functools import wraps
from typing import IO, Any, TypeVar

import click

from kg import __version__
from kg.errors import KgError
from kg.export import EXPORTERS
from kg.query import RESULT_FORMATS
from kg.store import RDF_FORMATS

F = TypeVar("F", bound=Callable[..., Any])

EXIT_ERROR = 1
EXIT_PARTIAL = 3


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def reports_errors(func: F) -> F:
    """Translate library errors into one ``Error: …`` line and a non-zero exit."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


class Skipped:
    """Collects inputs skipped in a batch and reports each on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, exc: KgError) -> None:
        self.count += 1
        click.echo(f"Error: {exc} (skipped)", err=True)

    def exit(self) -> None:
        if self.count:
            sys.exit(EXIT_PARTIAL)


class ExampleLast(click.Command):
    """A command whose help ends with the docstring's ``Example:`` section."""

    MARK = "\b\nExample:"

    def _parts(self) -> tuple[str, str]:
        head, mark, example = inspect.cleandoc(self.help or "").partition(self.MARK)
        return head.rstrip(), mark + example

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        original = self.help
        self.help = self._parts()[0]
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = original

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        example = self._parts()[1]
        if example:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(example)


class Group(click.Group):
    command_class = ExampleLast


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph of diplomatic events from news articles."""


input_args = click.argument("inputs", nargs=-1, required=True)
model_opt = click.option(
    "--model", envvar="KG_MODEL", default=None, help="spaCy pipeline (env KG_MODEL)."
)
strict_opt = click.option("--strict", is_flag=True, help="Stop at the first bad input.")
workers_opt = click.option(
    "--workers",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that parse and extract (same output as one).",
)


@cli.command("extract")
@input_args
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True
)
@model_opt
@strict_opt
@workers_opt
@reports_errors
def extract_cmd(
    inputs: tuple[str, ...], fmt: str, model: str | None, strict: bool, workers: int
) -> None:
    """Print the facts found in INPUTS (files, folders, .jsonl, or - for stdin).

    \b
    Example:
      kg extract data/ --format table
    """
    from kg.pipeline import extract_documents
    from kg.records import fact_to_json

    skipped = Skipped()
    _load_for_long_run(model)
    progress = _progress_for(inputs)
    for extraction in extract_documents(
        inputs, model=model, workers=workers, strict=strict, on_error=skipped
    ):
        for fact in extraction.facts:
            row = fact_to_json(fact)
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                click.echo(_table_row(row))
        progress()
    progress.close()
    skipped.exit()


graph_arg = click.argument("graph", metavar="GRAPH")


def _open(graph: str) -> Any:
    from kg.store import GraphStore

    # Read-only, so that a store another process (kg serve) holds open can be read.
    return GraphStore.open(graph, read_only=True)


@cli.command("build")
@input_args
@click.option("-o", "--output", default=None, help="Write the graph to this file (- = stdout).")
@click.option(
    "--format",
    "fmt",
    default="ttl",
    show_default=True,
    type=click.Choice(list(RDF_FORMATS)),
    help="RDF format of --output.",
)
@click.option(
    "--store",
    "store_location",
    default=None,
    help="Keep the graph in an Oxigraph store: a directory or an http(s):// endpoint.",
)
@model_opt
@strict_opt
@workers_opt
@reports_errors
def build_cmd(
    inputs: tuple[str, ...],
    output: str | None,
    fmt: str,
    store_location: str | None,
    model: str | None,
    strict: bool,
    workers: int,
) -> None:
    """Build the knowledge graph of INPUTS and write it as Turtle.

    Unchanged articles already in --store are skipped; changed ones replace
    their older facts. Bad inputs are reported and skipped (exit 3) unless
    --strict.

    \b
    Example:
      kg build data/ -o graph.ttl
      kg build articles.jsonl --store ./kgstore -j 2
    """
    from kg.export import export
    from kg.pipeline import build
    from kg.store import GraphStore

    if output is None and store_location is None:
        raise click.UsageError("give -o FILE, --store DIR, or both")
    store = GraphStore.open(store_location, create=True) if store_location else None
    skipped = Skipped()
    _load_for_long_run(model)
    progress = _progress_for(inputs)
    store, report = build(
        inputs,
        store,
        model=model,
        workers=workers,
        strict=strict,
        on_error=skipped,
        on_document=progress,
    )
    progress.close()
    if output:
        export(store, fmt, output)
    click.echo(
        f"{report.documents} documents ({report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged), {report.facts} facts",
        err=True,
    )
    skipped.exit()


def progress_line(done: int, total: int | None, seconds: float) -> str:
    """The progress line: a bar, share done and time left when the total is known.

    >>> progress_line(500, 2000, 60.0)
    '[######------------------]  500/2000 articles  25%  8.3/s  3m00s left'
    >>> progress_line(42, None, 10.0)
    '42 articles  4.2/s'
    """
    rate = done / seconds if seconds > 0 else 0.0
    speed = f"{rate:.1f}/s"
    if not total:
        return f"{done} articles  {speed}"
    share = min(done / total, 1.0)
    filled = int(share * PROGRESS_WIDTH)
    bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
    left = ""
    if rate > 0 and done < total:
        minutes, secs = divmod(round((total - done) / rate), 60)
        left = f"  {minutes}m{secs:02d}s left"
    width = len(str(total))
    return f"[{bar}] {done:>{width}}/{total} articles  {share:.0%}  {speed}{left}"


PROGRESS_WIDTH = 24


class Progress:
    """A progress line on stderr while articles are processed, only on a terminal.

    Called once per article done; redraws at most every ``every`` seconds.
    """

    def __init__(
        self,
        total: int | None = None,
        *,
        stream: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        every: float = 0.5,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.active = self.stream.isatty()
        self.total, self.clock, self.every = total, clock, every
        self.done = 0
        self.start = self.clock()
        self._drawn_at: float | None = None
        self._width = 0

    def __call__(self, _item: object = None) -> None:
        self.done += 1
        if not self.active:
            return
        now = self.clock()
        if self._drawn_at is None or now - self._drawn_at >= self.every or self.done == self.total:
            self._drawn_at = now
            line = progress_line(self.done, self.total, now - self.start)
            self._width = max(self._width, len(line))
            self.stream.write("\r" + line.ljust(self._width))
            self.stream.flush()

    def close(self) -> None:
        """Wipe the line, so the summary that follows starts clean."""
        if self.active and self._drawn_at is not None:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def _load_for_long_run(model: str | None) -> None:
    """Load the spaCy pipeline, then keep it out of the garbage collector's sweeps.

    The pipeline lives as long as the command; frozen, its objects are no longer
    walked by every full collection of a long run.
    """
    from kg.document import load_pipeline

    load_pipeline(model)
    gc.freeze()


def _progress_for(inputs: tuple[str, ...]) -> Progress:
    from kg.sources import count_documents

    # Counting reads every input once more, so only when the line is shown.
    return Progress(count_documents(inputs) if sys.stderr.isatty() else None)


@cli.command("query")
@graph_arg
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Read the query from a file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(RESULT_FORMATS)),
    default="table",
    show_default=True,
)
@reports_errors
def query_cmd(graph: str, sparql: str | None, query_file: str | None, fmt: str) -> None:
    """Run a SPARQL query over GRAPH (a Turtle file or a store).

    Prefixes kg:, schema:, prov:, org:, rdfs:, skos:, owl:, xsd: are predeclared.
    SELECT prints rows, ASK true/false, CONSTRUCT/DESCRIBE Turtle.

    \b
    Example:
      kg query graph.ttl 'SELECT ?who ?what WHERE {
          ?s kg:speaker/rdfs:label ?who ; kg:content ?what }'
    """
    from pathlib import Path

    from kg.errors import QueryError
    from kg.query import run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with -f FILE, not both")
    if query_file:
        try:
            sparql = Path(query_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise QueryError(f"{query_file}: cannot read query ({reason})") from None
    store = _open(graph)
    click.echo(run_query(store, sparql or "", fmt), nl=False)


@cli.command("export")
@graph_arg
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(list(EXPORTERS)),
)
@click.option("-o", "--output", default="-", show_default=True, help="Output file (- = stdout).")
@reports_errors
def export_cmd(graph: str, fmt: str, output: str) -> None:
    """Write GRAPH as RDF, or its actor network as GEXF/GraphML/CSV edges.

    \b
    Example:
      kg export graph.ttl --format gexf -o actors.gexf
    """
    from kg.export import export

    export(_open(graph), fmt, output)


@cli.command("validate")
@graph_arg
def validate_cmd(graph: str) -> None:
    """Check GRAPH against the SHACL shapes: exit 0 conforms, 1 does not, 2 error.

    \b
    Example:
      kg validate graph.ttl
    """
    from kg.validate import validate

    try:
        report = validate(_open(graph))
    except KgError as exc:
        _fail(str(exc), 2)
        return
    if report.conforms:
        click.echo("conforms")
        return
    click.echo(report.text)
    sys.exit(1)


@cli.command("stats")
@graph_arg
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@reports_errors
def stats_cmd(graph: str, fmt: str) -> None:
    """Count documents, facts by type and entities by type in GRAPH.

    \b
    Example:
      kg stats graph.ttl
    """
    from kg.stats import stats

    counts = stats(_open(graph))
    if fmt == "json":
        click.echo(json.dumps(counts))
        return
    for name, value in counts.items():
        click.echo(f"{name:14} {value}")


@cli.command("show")
@click.argument("name")
@graph_arg
@reports_errors
def show_cmd(name: str, graph: str) -> None:
    """Print everything GRAPH knows about the actor NAME, with source documents.

    \b
    Example:
      kg show "Mark Rutte" graph.ttl
    """
    from kg.profiles import profile

    found = profile(_open(graph), name)
    click.echo(f"{found.label} <{found.iri}>")
    for section, rows in found.sections.items():
        if not rows:
            continue
        click.echo(f"\n{section} ({len(rows)})")
        for doc, *values in rows:
            text = " | ".join(v for v in values if v)
            click.echo(f"  [{doc}] {text}")


@cli.command("serve")
@graph_arg
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--allow-update", is_flag=True, help="Accept SPARQL updates (refused with 403 otherwise)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds a query may run before it is answered with 503.",
)
@reports_errors
def serve_cmd(graph: str, host: str, port: int, allow_update: bool, timeout: float) -> None:
    """Serve GRAPH (a Turtle file or a store) as a SPARQL 1.1 Protocol endpoint.

    GET and POST queries on / and /sparql; JSON, XML, CSV or TSV results by
    content negotiation; CORS for browser clients such as YASGUI. Updates made
    with --allow-update to a Turtle file live in memory only; use a store
    directory to keep them. Stop with Ctrl-C.

    \b
    Example:
      kg serve ./kgstore --port 7878
    """
    from kg.serve import serve
    from kg.store import GraphStore

    store = GraphStore.open(graph, read_only=not allow_update)
    serve(
        store,
        host,
        port,
        allow_update=allow_update,
        timeout=timeout,
        on_ready=lambda url: click.echo(f"SPARQL endpoint at {url} (Ctrl-C stops)", err=True),
    )


def _table_row(row: dict[str, Any]) -> str:
    kind = row["type"]
    if kind == "statement":
        what = f"{row['speaker']} —{row['cue']}→ {row['content']}"
    elif kind == "pledge":
        value = f"{row['amount']} {row['currency']}" if row["currency"] else row.get("item")
        what = f"{row['pledger']} → {row.get('recipient') or '?'}: {value}"
    elif kind == "meeting":
        what = f"{', '.join(row['participants'])} @ {row['location'] or '?'} {row['date'] or ''}"
    else:
        what = f"{row['person']}: {row['role']}, {row['organisation']}"
    return f"{row['doc'][:32]:32}  {kind:9}  {what}"


def main() -> None:
    """Entry point of the ``kg`` script."""
    cli()


if __name__ == "__main__":
    main()
