"""Every table the project computes, found from the extractors' own declarations, and the one
engine that computes them.

    from conflictnews.extractors.registry import run, write_tables
    found = run(corpus, ["claims", "quotes"])            # {"claims": frame, "quotes": frame}
    write_tables(corpus, "out/", ["claims"], {"casualty_rules": "mine.yml"})

An extractor is an ``Extractor`` declaration (``base.py``) named ``EXTRACTOR`` (or a tuple
``EXTRACTORS``) in a module of this package, or in a package exposed through the
``conflictnews.extractors`` entry-point group.  The engine orders the tables by what they read
(``after``), parses the corpus once with the union of the capabilities they need (none at all
for lexicon-only tables), then hands each extractor one article at a time.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import pkgutil
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd

from ..files import write_csv
from .base import Article, Context, CorpusTable, Extractor, Resource, Sentence

ENTRY_POINT_GROUP = "conflictnews.extractors"

CORPUS_TABLES: dict[str, CorpusTable] = {t.name: t for t in (
    CorpusTable("articles", "article", {
        "article_id": "the article's id (file name without .txt, or the record's id)",
        "title": "the title (metadata, record, or the first line of the text)",
        "outlet": "the outlet (`unknown` when not given)",
        "published": "publication date, YYYY-MM-DD",
        "date_source": "where the date comes from: `metadata`, `record`, `text` or `none`",
        "url": "the article's address, when given",
        "source": "the file (and line, for CSV and JSONL records) it was read from",
        "text": "the cleaned text every offset points into",
        "n_chars": "characters of cleaned text",
        "n_words": "words of cleaned text (tokens with a letter or digit): what every rate per 1,000 words divides by",
        "lines_removed": "whole lines cleaning removed",
        "spans_removed": "pieces cut out of lines that stay (e.g. a caption's photo credit)",
        "profile": "the conflict profile chosen for the article (`generic` when none fits)",
        "profile_evidence": "how many times the article names the profile's places, parties, leaders and sources",
        "profile_choice": "how firm the choice is: `strong`, `weak`, `none` (no profile fits) or `forced` "
                          "(`--profile`); any extra metadata columns follow",
    }, lambda corpus, profile=None: _with_profiles(corpus, profile)),
    CorpusTable("sentences", "sentence", {
        "article_id": "the article",
        "sent_id": "0-based position of the sentence in the article",
        "para_id": "0-based paragraph",
        "start": "offset of the sentence's first character in the cleaned text",
        "end": "offset just after its last character",
        "text": "the sentence",
    }, lambda corpus, profile=None: corpus.sentences),
    CorpusTable("skipped", "input not loaded, or loaded with a warning", {
        "source": "the file, and the line for CSV and JSONL rows",
        "article_id": "the article, when known",
        "status": "`skipped`, or `warning` when the article was loaded anyway",
        "reason": "why",
    }, lambda corpus, profile=None: corpus.skipped),
    CorpusTable("cleaning", "piece of text removed by cleaning", {
        "article_id": "the article",
        "rule": "the cleaning rule that removed it",
        "scope": "`line`: the whole line; `span`: part of it",
        "line": "line number in the raw text",
        "text": "what was removed",
    }, lambda corpus, profile=None: corpus.cleaning),
)}


def _with_profiles(corpus, profile=None) -> pd.DataFrame:
    """The articles with their profile columns, before any extra metadata columns."""
    from ..profiles.choose import with_profiles

    a = with_profiles(corpus, profile)
    if "n_words" not in a:   # counted once here, so that a report on the extract need not count every text
        a["n_words"] = a["article_id"].map(corpus.word_counts).to_numpy()
    declared = list(CORPUS_TABLES["articles"].columns)
    return a[[c for c in declared if c in a] + [c for c in a if c not in declared]]


@lru_cache(maxsize=1)
def extractors() -> dict[str, Extractor]:
    """Every extractor, by table name: this package's modules, then installed plug-ins."""
    found: dict[str, Extractor] = {}

    def add(obj, where: str) -> None:
        items = obj if isinstance(obj, (tuple, list)) else (obj,)
        for ex in items:
            if not isinstance(ex, Extractor):
                raise TypeError(f"{where}: {ex!r} is not an Extractor")
            if ex.name in found or ex.name in CORPUS_TABLES:
                raise ValueError(f"{where}: a table named {ex.name!r} is declared twice")
            found[ex.name] = ex

    package = importlib.import_module(__package__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name in ("base", "registry"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        for attr in ("EXTRACTORS", "EXTRACTOR"):
            if hasattr(module, attr):
                add(getattr(module, attr), module.__name__)
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        add(ep.load(), f"entry point {ep.name} ({ep.value})")
    for ex in found.values():
        missing = [d for d in ex.after if d not in found]
        if missing:
            raise ValueError(f"extractor {ex.name!r} reads {missing}, which no extractor declares")
    return found


def table_names() -> list[str]:
    """Every table: the corpus's own, then the extractors' in name order."""
    return [*CORPUS_TABLES, *sorted(extractors())]


def resources() -> dict[str, Resource]:
    """Every resource option an extractor declares, by option name."""
    out: dict[str, Resource] = {}
    for ex in extractors().values():
        for r in ex.resources:
            out.setdefault(r.option, r)
    return out


def plan(names) -> list[Extractor]:
    """The extractors that compute ``names``, with what they read first (dependency order)."""
    registry = extractors()
    ordered: list[Extractor] = []

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in chain:
            raise ValueError(f"extractors read each other in a circle: {' -> '.join(chain + (name,))}")
        if any(e.name == name for e in ordered):
            return
        ex = registry[name]
        for dep in ex.after:
            visit(dep, chain + (name,))
        ordered.append(ex)

    for name in names:
        visit(name, ())
    return ordered


def check(names=None, options=None, profile=None) -> tuple[list[str], dict]:
    """(table names, options) after checking them: unknown tables or options, missing files and
    an unknown conflict profile raise ValueError naming them."""
    names = list(names or table_names())
    unknown = [n for n in names if n not in CORPUS_TABLES and n not in extractors()]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; available: {', '.join(table_names())}")
    options = {k: v for k, v in (options or {}).items() if v not in (None, "")}
    known = resources()
    bad = [k for k in options if k not in known]
    if bad:
        raise ValueError(f"unknown option(s) {bad}; available: {', '.join(known)}")
    for key, path in options.items():
        if isinstance(path, (str, Path)) and not Path(path).exists():
            raise ValueError(f"{key}={str(path)!r}: no such file")
    if profile not in (None, ""):
        from ..profiles import load_profile
        load_profile(profile)   # a shipped name or a file; a ProfileError says which and why
    return names, options


def articles(corpus, parsed=None, profile=None):
    """Each article of ``corpus`` as the ``Article`` an extractor is given: with its conflict
    profile (its own, or ``profile`` forced on every article) and the parse of its sentences when
    ``parsed`` is given."""
    from ..profiles.choose import profile_of

    profiles = profile_of(corpus, profile)
    a = corpus.articles
    index = corpus.sentence_index
    sentences = corpus.sentences
    texts = dict(zip(zip(sentences["article_id"], sentences["sent_id"]), sentences["text"]))
    meta_columns = [c for c in a.columns if c not in ("article_id", "text")]
    metas = a[meta_columns].to_dict("records")
    for aid, text, meta in zip(a["article_id"].tolist(), a["text"].tolist(), metas):
        docs = parsed.docs_of(aid) if parsed is not None else ()
        spans = index.get(aid, ())
        sents = tuple(Sentence(sid, s, e, p, texts[(aid, sid)], docs[i] if docs else None)
                      for i, (sid, s, e, p) in enumerate(spans))
        yield Article(aid, text if isinstance(text, str) else "", sents, meta, profiles[aid])


def frame_corpus(articles: pd.DataFrame):
    """A corpus of an articles frame (article_id, text, published...) that was not loaded from
    files: nothing skipped, nothing cleaned."""
    from ..corpus.load import Corpus

    a = articles.copy()
    if "published" not in a:
        a["published"] = pd.NaT
    return Corpus(a.reset_index(drop=True), pd.DataFrame(columns=["source", "article_id", "status", "reason"]),
                  pd.DataFrame(columns=["article_id", "rule", "scope", "line", "text"]), "<frame>")


def single(text: str, published=None, article_id: str = "", needs=()) -> Article:
    """One text as the ``Article`` an extractor is given, segmented and (when ``needs`` names
    parse capabilities) parsed here, without the corpus parse cache: for ``*_in_text``
    helpers, notebooks and tests."""
    from ..corpus.segment import sentence_spans

    spans = sentence_spans(text)
    docs = [None] * len(spans)
    if needs and spans:
        from ..nlp import parse_texts
        docs = parse_texts([text[s:e] for s, e, _ in spans], capabilities=tuple(sorted(set(needs))), workers=1)
    sents = tuple(Sentence(i, s, e, p, text[s:e], d) for i, ((s, e, p), d) in enumerate(zip(spans, docs)))
    return Article(article_id, text, sents, {"published": published})


def articles_parsed(corpus, needs=(), *, model: str | None = None, workers: int | None = None):
    """Each article of ``corpus`` (a Corpus, or an articles frame) as an ``Article``, parsed with
    the capabilities ``needs`` (none: not parsed)."""
    if isinstance(corpus, pd.DataFrame):
        corpus = frame_corpus(corpus)
    parsed = None
    if needs:
        from ..nlp import parse
        parsed = parse(corpus, model, tuple(sorted(set(needs))), workers=workers)
    return articles(corpus, parsed)


def run(corpus, names=None, options=None, *, profile=None, model: str | None = None, workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        errors: list | None = None) -> dict[str, pd.DataFrame]:
    """The named tables of ``corpus`` (default: every table).

    ``options``: the user's resource files by option name (see :func:`resources`); ``profile`` a
    conflict profile (name or file) forced on every article instead of each article's own;
    ``model`` the spaCy pipeline, ``workers`` the processes that parse, ``progress(done, total)``
    a callback while parsing.  The corpus is parsed only when a table needs it, once, with only the
    capabilities the tables need (and from the parse cache when it holds it).

    When the corpus was read from an extract folder (``tables.load_extract``) whose manifest
    says a table was made with the same options, profile and pipeline, that table is read from
    the folder (cut to the corpus's articles) instead of computed.

    ``errors``: when given a list, an extractor that raises on an article costs only that
    article's rows of that table, and (article_id, table, message) is appended to the list;
    without it the exception propagates (what a test or a notebook wants to see)."""
    names, options = check(names, options, profile)
    model = model or getattr(corpus, "settings", {}).get("model")
    from ..tables import stored_tables
    stored = stored_tables(corpus, [n for n in names if n in extractors()], options, profile, model)
    wanted = [n for n in names if n in extractors() and n not in stored]
    order = plan(wanted)
    if order:
        corpus.require_text()   # read from the extract folder if the corpus was loaded without it
    capabilities = sorted({c for ex in order for c in ex.needs})
    parsed = None
    if capabilities:
        from ..nlp import parse
        parsed = parse(corpus, model, capabilities, workers=workers, progress=progress)
    ctx = Context(options)
    rows: dict[str, list] = {ex.name: [] for ex in order}
    for article in (articles(corpus, parsed, profile) if order else ()):
        ctx.rows = {}
        for ex in order:
            try:
                got = [dict(r) for r in ex.extract(article, ctx)]
            except Exception as exc:
                if errors is None:
                    raise
                errors.append((article.article_id, ex.name, f"{type(exc).__name__}: {exc}"))
                got = []
            ctx.rows[ex.name] = got
            rows[ex.name].extend(got)
    ctx.rows = {}
    out = {}
    for ex in order:  # in plan order: a finish step may read the tables finished before it
        out[ex.name] = ctx.tables[ex.name] = ex.frame(rows[ex.name], ctx)
    out.update(stored)   # read from the extract folder the corpus comes from
    return {n: (CORPUS_TABLES[n].get(corpus, profile) if n in CORPUS_TABLES else out[n]) for n in names}


def write_tables(corpus, out_dir: str | Path, names=None, options=None, *, profile=None, model: str | None = None,
                 workers: int | None = None, progress: Callable[[str], None] | None = None,
                 parse_progress: Callable[[int, int], None] | None = None) -> dict[str, Path]:
    """Write the named tables (default: all) as ``<out_dir>/<name>.csv``; returns their paths."""
    names, options = check(names, options, profile)
    if progress and len(corpus) >= 1000:  # a large corpus takes a while: say what is happening
        progress(f"extracting {', '.join(names)}...")
    frames = run(corpus, names, options, profile=profile, model=model, workers=workers, progress=parse_progress)
    written = {}
    for name in names:
        written[name] = write_csv(frames[name], Path(out_dir) / f"{name}.csv")
        if progress:
            progress(f"{name}.csv: {len(frames[name])} rows")
    return written


def markdown() -> str:
    """The README's table of outputs, from the declarations: one section per table."""
    lines = []
    for name in table_names():
        t = CORPUS_TABLES.get(name) or extractors()[name]
        extra = ""
        if isinstance(t, Extractor):
            bits = []
            if t.needs:
                bits.append("needs the parse (" + ", ".join(t.needs) + ")")
            else:
                bits.append("no parse")
            if t.resources:
                bits.append("reads " + ", ".join(f"`{r.default}` (`{r.flag}`)" for r in t.resources))
            if t.after:
                bits.append("after " + ", ".join(f"`{d}`" for d in t.after))
            extra = "; ".join(bits)
        lines.append(f"- **`{name}.csv`**: one row per {t.unit}" + (f" ({extra})" if extra else "") + ".")
        for col, desc in t.columns.items():
            lines.append(f"  - `{col}`: {desc}")
    return "\n".join(lines)


README_START = "<!-- tables: generated by `python -m conflictnews.extractors.registry` -->"
README_END = "<!-- /tables -->"


def update_readme(path: str | Path) -> bool:
    """Rewrite the README's generated table section from the declarations; True if it changed."""
    from ..files import write_text

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise ValueError(f"{path}: no section between {README_START!r} and {README_END!r}")
    head, rest = text.split(README_START, 1)
    tail = rest.split(README_END, 1)[1]
    new = f"{head}{README_START}\n{markdown()}\n{README_END}{tail}"
    if new != text:
        write_text(path, new)
    return new != text


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Print the tables every extractor declares (markdown), or "
                                             "rewrite a README's generated section with them.")
    ap.add_argument("--readme", help="rewrite this README's section between the table markers")
    args = ap.parse_args(argv)
    if args.readme:
        print(f"{args.readme}: {'updated' if update_readme(args.readme) else 'already up to date'}")
    else:
        print(markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
