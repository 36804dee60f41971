"""Measure entity resolution on the annotated dev set.

Runs the real pipeline (kg.sources → kg.document → kg.facts.extract →
kg.entities.EntityResolver) over every article of the dev set and reports:

(a) actor identity: every gold speaker and pledger (``statements[].speaker``,
    ``pledges[].pledger`` with their aliases) should resolve to one IRI across all
    documents, and no IRI should cover two gold actors. Gold names that denote one
    actor in different articles ("Joe Biden", "Joseph R. Biden, Jr.") are grouped
    first: two gold names are one actor when one lists the other among its
    speaker aliases, or both list an alias that contains a name word of both.
    Measured twice (``--two-pass`` seeds the resolver with the full names of a
    first pass, as a build over an existing graph could):
      - extracted: the speakers and pledgers the extractors found, matched to the
        gold by the scorer's own name test (``same_actor`` in score.py);
      - gold names: the gold canonical names and their name-like aliases fed to the
        resolver as facts, with the article's real mentions (extractor-independent).
(b) the share of country mentions (Mention.kind == "country", or a name the
    gazetteer knows as a country) linked to a Wikidata QID. Mentions the gazetteer
    knows as cities or regions are not country mentions and are counted apart.

Usage:
    .venv/bin/python scripts/check_entities.py [--dev DIR] [--scorer score.py] [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.document import load_pipeline, parse  # noqa: E402
from kg.entities import EntityResolver, clean  # noqa: E402
from kg.facts import extract  # noqa: E402
from kg.gazetteer import default_gazetteer, normalise  # noqa: E402
from kg.records import Extraction, Pledge, Statement  # noqa: E402
from kg.sources import read_documents  # noqa: E402

DEFAULT_DEV = Path("/work/shared/eval/dev")
STOP = {"the", "of", "and", "for", "u.s.", "us", "president", "secretary", "government"}


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def name_words(name: str) -> set[str]:
    return {w for w in normalise(name).split() if len(w) > 2 and w not in STOP}


class Actors:
    """Gold actors: canonical names grouped across articles (union-find)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = defaultdict(set)

    def find(self, name: str) -> str:
        self.parent.setdefault(name, name)
        while self.parent[name] != name:
            name = self.parent[name]
        return name

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def add(self, canonical: str, aliases: list[str], speaker: bool) -> None:
        self.find(canonical)
        if speaker:
            self.aliases[canonical].update(aliases)

    def other(self, alias: str, canonical: str) -> bool:
        """True when ``alias`` is the canonical name of a gold actor other than ``canonical``'s."""
        for name in self.parent:
            if normalise(name) == normalise(alias):
                return self.find(name) != self.find(canonical)
        return False

    def group(self) -> None:
        keys = {normalise(n): n for n in self.parent}
        for name, aliases in self.aliases.items():
            for alias in aliases:
                other = keys.get(normalise(alias))
                if other:
                    self.union(name, other)
        names = sorted(self.aliases)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                shared_words = name_words(a) & name_words(b)
                if not shared_words:
                    continue
                common = {normalise(x) for x in self.aliases[a]} & {
                    normalise(x) for x in self.aliases[b]
                }
                if any(name_words(c) & shared_words for c in common):
                    self.union(a, b)


def gold_facts(gold: dict) -> list[tuple[str, str, list[str]]]:
    """(type, canonical, aliases) of every gold statement and pledge."""
    out = [("statement", s["speaker"], s.get("speaker_aliases") or []) for s in gold["statements"]]
    out += [("pledge", p["pledger"], p.get("pledger_aliases") or []) for p in gold["pledges"]]
    return out


def name_like(alias: str, canonical: str, actors: Actors | None = None) -> bool:
    """An alias worth resolving on its own: it shares a name word or spells the acronym.

    An alias that is another gold actor's canonical name ("United States" among
    USAID's pledger aliases) names that other actor, not this one.
    """
    if actors is not None and actors.other(alias, canonical):
        return False
    if name_words(alias) & name_words(canonical):
        return True
    a, c = clean(alias), clean(canonical)
    return a.isupper() and a.replace(".", "") == "".join(w[0] for w in c.split() if w[0].isupper())


def identity_report(pairs: list[tuple[str, str]], label: str, verbose: bool) -> dict:
    """Clusters with one IRI, split clusters and merged IRIs from (gold actor, IRI) pairs."""
    iris: dict[str, set[str]] = defaultdict(set)
    actors: dict[str, set[str]] = defaultdict(set)
    for actor, iri in pairs:
        iris[actor].add(iri)
        actors[iri].add(actor)
    one = sum(1 for v in iris.values() if len(v) == 1)
    merged = {iri: a for iri, a in actors.items() if len(a) > 1}
    print(f"\n(a) {label}: {len(pairs)} facts, {len(iris)} gold actors")
    print(f"    actors with exactly one IRI: {one}/{len(iris)} ({pct(one, len(iris))})")
    print(f"    IRIs covering two or more gold actors: {len(merged)}")
    for actor, v in sorted(iris.items()):
        if len(v) > 1:
            print(f"    split  {actor}: {sorted(i.rsplit('/id/', 1)[-1] for i in v)}")
    for iri, a in sorted(merged.items()):
        print(f"    merged {iri.rsplit('/id/', 1)[-1]}: {sorted(a)}")
    if verbose:
        for actor, v in sorted(iris.items()):
            print(f"      {actor} -> {sorted(i.rsplit('/id/', 1)[-1] for i in v)}")
    return {"actors": len(iris), "one_iri": one, "merged": len(merged)}


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--scorer", type=Path, default=None, help="score.py (default: ../score.py)")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--two-pass",
        action="store_true",
        help="seed the resolver with the full names of a first pass (EntityResolver.remember)",
    )
    args = parser.parse_args()
    scorer = load_scorer(args.scorer or args.dev.parent / "score.py")
    golds = {p.stem: json.loads(p.read_text()) for p in sorted(args.dev.glob("*.json"))}
    golds = {k: v for k, v in golds.items() if not k.endswith(".meta")}

    actors = Actors()
    for gold in golds.values():
        for kind, canonical, aliases in gold_facts(gold):
            actors.add(canonical, aliases, speaker=kind == "statement")
    actors.group()

    gaz = default_gazetteer()
    nlp = load_pipeline()
    extracted_resolver, gold_resolver = EntityResolver(), EntityResolver()
    extracted: list[tuple[str, str]] = []
    from_gold: list[tuple[str, str]] = []
    countries: Counter[str] = Counter()
    linked: Counter[str] = Counter()
    places: Counter[str] = Counter()
    unmatched = 0
    extractions = [
        extract(doc, document) for document, doc in parse(read_documents([args.dev]), nlp)
    ]
    if args.two_pass:
        first = EntityResolver()
        for extraction in extractions:
            first.resolve(extraction)
        extracted_resolver.remember(first.persons)
    for extraction in extractions:
        document = extraction.document
        gold = golds.get(document.id, {"statements": [], "pledges": []})
        resolved = extracted_resolver.resolve(extraction)
        for fact in resolved.facts:
            if isinstance(fact, Statement):
                name, iri = fact.speaker, fact.speaker_id
            elif isinstance(fact, Pledge):
                name, iri = fact.pledger, fact.pledger_id
            else:
                continue
            # An exact name or alias decides; else the scorer's looser test.
            matches = {
                actors.find(c)
                for _, c, a in gold_facts(gold)
                if normalise(name) in {normalise(x) for x in [c, *a] if not actors.other(x, c)}
            } or {
                actors.find(c)
                for _, c, a in gold_facts(gold)
                if scorer.same_actor(name, c, [x for x in a if name_like(x, c, actors)])
            }
            if len(matches) == 1 and iri:
                extracted.append((matches.pop(), iri))
            else:
                unmatched += 1
        # Gold names through the resolver, with the article's real mentions.
        facts = []
        for _, canonical, aliases in gold_facts(gold):
            for name in [canonical, *(a for a in aliases if name_like(a, canonical, actors))]:
                facts.append((actors.find(canonical), name))
        synthetic = tuple(
            Statement(document.id, name, (0, 0), "said", (0, 0), "", (0, 0), False)
            for _, name in facts
        )
        out = gold_resolver.resolve(
            Extraction(document=document, facts=synthetic, mentions=extraction.mentions)
        )
        from_gold += [
            (actor, f.speaker_id)
            for (actor, _), f in zip(facts, out.facts, strict=True)
            if isinstance(f, Statement) and f.speaker_id
        ]
        links = extracted_resolver.link_mentions(extraction)
        # Persons the article names as persons ("Leyen" mislabelled GPE is one of them).
        person_iris = {e.iri for m, e in links if m.kind == "person" and e.kind == "person"}
        for mention, entity in links:
            entry = gaz.lookup(mention.canonical)
            if mention.kind != "country" and (entry is None or entry.kind != "country"):
                continue
            if entry is not None and entry.kind != "country" or entity.iri in person_iris:
                places[mention.canonical] += 1  # a city, region, body or person: not a country
                continue
            countries[mention.canonical] += 1
            if entity.wikidata:
                linked[mention.canonical] += 1

    print(
        f"dev set: {len(golds)} articles; extracted speakers/pledgers not matched to one "
        f"gold actor: {unmatched}"
    )
    # As `kg build` does at the end of a build: surname-only people join the full name.
    merges = extracted_resolver.merges()
    extracted = [(actor, merges.get(iri, iri)) for actor, iri in extracted]
    identity_report(extracted, "extracted speakers and pledgers", args.verbose)
    identity_report(from_gold, "gold names through the resolver", args.verbose)
    total, ok = sum(countries.values()), sum(linked.values())
    print(f"\n(b) country mentions linked to a Wikidata QID: {ok}/{total} ({pct(ok, total)})")
    print(
        f"    (GPE/NORP mentions the gazetteer or the resolver knows as cities, regions, "
        f"bodies or people, not counted: {sum(places.values())})"
    )
    missing = Counter({k: v - linked[k] for k, v in countries.items() if v > linked[k]})
    print("    unlinked: " + ", ".join(f"{k} ({v})" for k, v in missing.most_common(40)))


if __name__ == "__main__":
    main()
