"""Shared fixtures.  Tests that need ../shared (reference series, peer data) skip with a reason
when it is absent; the seed corpus is in the repository and always present."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: clone the project beside its shared/ folder to run this test")
    return path


@pytest.fixture(scope="session")
def seeds():
    from conflictnews import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_text(seeds):
    """article_id (or its 3-digit prefix) -> cleaned text."""
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    texts.update({k[:3]: v for k, v in list(texts.items())})
    return texts


@pytest.fixture
def corpus_dir(tmp_path):
    """A copy of the seed corpus that a test may change."""
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder
