"""Reading inputs: text files, sidecar metadata, folders, JSON Lines, stdin, bad input."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from kg.errors import InputError
from kg.sources import count_documents, read_documents


def test_text_file_with_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Title line\n\nBody text here.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"published": "Wed, 03 Aug 2022 19:49:23 +0000", "url": "https://x.org/a"})
    )
    (doc,) = read_documents([tmp_path / "a.txt"])
    assert doc.id == "a"
    assert doc.published == date(2022, 8, 3)
    assert doc.url == "https://x.org/a"
    assert doc.title == "Title line"
    assert doc.text == "Title line\n\nBody text here."


def test_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# B\n\nSecond.")
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "gold.json").write_text("{}")
    assert [d.id for d in read_documents([tmp_path])] == ["a", "b"]


def test_jsonl_records(tmp_path):
    path = tmp_path / "x.jsonl"
    rows = [
        {"id": "r1", "title": "T", "text": "One.", "published": "2024-01-02"},
        {"id": "r2", "text": "Two."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    docs = list(read_documents([path]))
    assert [(d.id, d.published) for d in docs] == [("r1", date(2024, 1, 2)), ("r2", None)]


def test_stdin_text_and_jsonl():
    (doc,) = read_documents(["-"], stdin=io.StringIO("Rutte said so."))
    assert (doc.id, doc.text) == ("stdin", "Rutte said so.")
    docs = read_documents(["-"], stdin=io.StringIO('{"id": "z", "text": "Hi."}\n'))
    assert [d.id for d in docs] == ["z"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"   \n", "empty file"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"caf\xe9 au lait", "not UTF-8 text"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(read_documents([path]))


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_documents([tmp_path / "nope.txt"]))
    with pytest.raises(InputError, match="holds no articles"):
        list(read_documents([tmp_path]))


def test_batch_skips_bad_inputs_unless_strict(tmp_path):
    (tmp_path / "good.txt").write_text("Fine.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    lines = tmp_path / "recs.jsonl"
    lines.write_text('{"id": "ok", "text": "Yes."}\n{not json\n')
    errors: list[Exception] = []
    docs = list(read_documents([tmp_path], on_error=errors.append))
    assert sorted(d.id for d in docs) == ["good", "ok"]
    assert sorted(str(e).split(": ", 1)[1] for e in errors) == [
        "binary file, not text",
        "malformed JSON (Expecting property name enclosed in double quotes)",
    ]
    with pytest.raises(InputError):
        list(read_documents([tmp_path], strict=True, on_error=errors.append))


def test_jsonl_streams_and_skips_a_line_that_is_not_utf8(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "a", "text": "Kept\u2028in one record."}, ensure_ascii=False)
    path.write_bytes(good.encode() + b"\n" + b'{"id": "b", "text": "caf\xe9"}\n')
    errors: list[Exception] = []
    docs = list(read_documents([path], on_error=errors.append))
    assert [(d.id, d.text) for d in docs] == [("a", "Kept\u2028in one record.")]
    assert [str(e) for e in errors] == [f"{path}:2: not UTF-8 text"]


def test_count_documents(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "feed.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / "notes.csv").write_text("ignored")
    assert count_documents([tmp_path]) == 3
    assert count_documents([tmp_path / "a.txt", "-"]) is None
