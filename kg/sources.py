"""Reading articles: text and Markdown files, folders, JSON Lines and stdin.

A text file's metadata comes from a sidecar ``STEM.meta.json`` when present;
the document id is the file stem or the record's ``id``. Bad inputs raise
:class:`~kg.errors.InputError` naming the file; in a batch they are handed to
``on_error`` and skipped unless ``strict`` is set.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import IO, Any

from kg.dates import parse_date
from kg.errors import InputError, KgError
from kg.records import Document

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ErrorHandler = Callable[[KgError], None]


def decode(data: bytes, name: str) -> str:
    """Decode article bytes as UTF-8, refusing binary and empty input.

    >>> decode("Brussels".encode(), "a.txt")
    'Brussels'
    >>> decode(b"\\xff\\xfe", "a.txt")
    Traceback (most recent call last):
    kg.errors.InputError: a.txt: not UTF-8 text
    """
    refuse_binary(data[:BINARY_SNIFF], name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    if not text.strip():
        raise InputError(f"{name}: empty file")
    return text


BINARY_SNIFF = 8192
"""Bytes read from the start of a file to tell binary data from text."""


def refuse_binary(head: bytes, name: str) -> None:
    """Raise when the first bytes of a file hold a NUL byte, which text never does.

    >>> refuse_binary(b"\\x89PNG\\x00\\x00", "a.txt")
    Traceback (most recent call last):
    kg.errors.InputError: a.txt: binary file, not text
    """
    if b"\x00" in head:
        raise InputError(f"{name}: binary file, not text")


def _title_from_text(text: str) -> str | None:
    first, sep, rest = text.partition("\n")
    first = first.strip().lstrip("#").strip()
    if sep and first and len(first) <= 200 and rest.startswith(("\n", "\r\n")):
        return first
    return None


def _document(record: dict[str, Any], doc_id: str, text: str, path: str | None) -> Document:
    def opt(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return Document(
        id=doc_id,
        text=text,
        title=opt("title") or _title_from_text(text),
        published=parse_date(record.get("published")),
        url=opt("url"),
        source=opt("source"),
        path=path,
    )


def read_text_file(path: Path) -> Document:
    """Read one text or Markdown article with its optional ``STEM.meta.json`` sidecar."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    text = decode(data, str(path))
    meta: dict[str, Any] = {}
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.is_file():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (ValueError, OSError) as exc:
            raise InputError(f"{sidecar}: malformed metadata ({exc})") from None
        if not isinstance(meta, dict):
            raise InputError(f"{sidecar}: metadata is not a JSON object")
    return _document(meta, str(meta.get("id") or path.stem), text, str(path))


def read_jsonl(
    stream: Iterable[str | bytes], name: str, on_error: ErrorHandler | None
) -> Iterator[Document]:
    """Yield one document per JSON Lines record ``{"id", "title", "text", "published", …}``.

    Lines may be bytes (a file read as it streams); each is decoded as UTF-8 on its own.
    """
    seen = False
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        seen = True
        try:
            if isinstance(line, bytes):
                try:
                    line = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError:
                    raise InputError(f"{name}:{lineno}: not UTF-8 text") from None
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{name}:{lineno}: malformed JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{name}:{lineno}: record is not a JSON object")
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{name}:{lineno}: record has no text")
            doc_id = str(record.get("id") or f"{Path(name).stem}-{lineno}")
            yield _document(record, doc_id, text, name)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
    if not seen:
        raise InputError(f"{name}: empty file")


def _read_jsonl_file(path: Path, on_error: ErrorHandler | None) -> Iterator[Document]:
    # Streamed line by line: a JSON Lines file may hold more articles than fit in memory.
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with stream:
        refuse_binary(stream.read(BINARY_SNIFF), str(path))
        stream.seek(0)
        yield from read_jsonl(stream, str(path), on_error)


def count_documents(inputs: Iterable[str | Path]) -> int | None:
    """How many articles ``inputs`` hold, counted without parsing them.

    A text file counts one, a JSON Lines file one per non-blank line; inputs that
    cannot be read count nothing. None when an input is ``-`` (standard input).

    >>> count_documents(["no/such/file.txt"])
    0
    """
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        files = _files_in(path) if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            total += _count_records(f) if f.suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _count_records(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 0


def _single(path: Path) -> list[Document]:
    return [read_text_file(path)]


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
    )


def _read_stdin(stdin: IO[str]) -> Iterator[Document]:
    text = stdin.read()
    if not text.strip():
        raise InputError("<stdin>: empty input")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        yield from read_jsonl(lines, "<stdin>", None)
    else:
        yield _document({}, "stdin", text, None)


def read_documents(
    inputs: Iterable[str | Path],
    *,
    strict: bool = False,
    on_error: ErrorHandler | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[Document]:
    """Yield the documents in files, folders (recursively), JSON Lines files and ``-``.

    Args:
        inputs: paths, or ``-`` for standard input (plain text or JSON Lines).
        strict: raise on the first bad input instead of skipping it.
        on_error: called with each skipped input's error when not strict.
        stdin: the stream ``-`` reads (``sys.stdin`` by default).

    Raises:
        InputError: a bad input when ``strict`` (or no handler is given), or
            when no input holds any article.
    """
    count = 0
    pending: list[KgError] = []

    def report(exc: KgError) -> None:
        # Until one article has been read, errors wait: if none can be read,
        # the single error raised below says why, on one line.
        if strict or on_error is None:
            raise exc
        if count:
            on_error(exc)
        else:
            pending.append(exc)

    handler: ErrorHandler | None = None if strict or on_error is None else report

    def guarded(produce: Callable[[], Iterable[Document]]) -> Iterator[Document]:
        try:
            yield from produce()
        except InputError as exc:
            report(exc)

    def flush() -> None:
        if on_error is not None:
            for exc in pending:
                on_error(exc)
        pending.clear()

    for item in inputs:
        if str(item) == "-":
            for doc in guarded(lambda: _read_stdin(stdin or sys.stdin)):
                count += 1
                flush()
                yield doc
            continue
        path = Path(item)
        if path.is_dir():
            files = _files_in(path)
            if not files:
                report(InputError(f"{path}: folder holds no articles (.txt, .md or .jsonl)"))
        elif path.exists():
            files = [path]
        else:
            report(InputError(f"{path}: no such file or folder"))
            continue
        for f in files:
            produce: Callable[[], Iterable[Document]]
            if f.suffix.lower() in JSONL_SUFFIXES:
                produce = partial(_read_jsonl_file, f, handler)
            else:
                produce = partial(_single, f)
            for doc in guarded(produce):
                count += 1
                flush()
                yield doc
    if count == 0:
        if len(pending) == 1:
            raise pending[0]
        if pending:
            raise InputError(
                f"no articles could be read: {pending[0]} (and {len(pending) - 1} more)"
            )
        raise InputError("no articles could be read from the input")
