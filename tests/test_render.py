"""Rendering the notebooks into HTML reports (executes notebooks: slower)."""
from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conflictnews.cli import main
from conflictnews.reports.render import ParameterError, render

from conftest import NOTEBOOKS, ROOT, SEEDS

pytestmark = pytest.mark.notebook


@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    result = render(NOTEBOOKS, out, {"corpus": str(SEEDS)}, only=["00"], log=lambda *_: None)
    return out, result


def test_overview_renders_with_figures_tables_and_index(overview):
    out, result = overview
    assert result.failed == [] and [r.name for r in result.reports] == ["00_corpus_overview"]
    page = (out / "00_corpus_overview.html").read_text(encoding="utf-8")
    # the articles table, with the real titles and outlets of the seeds
    for title in pd.read_csv(SEEDS / "metadata.csv")["title"]:
        assert html.escape(title, quote=False)[:40] in page
    assert "Daily Sabah" in page and "Inputs skipped: 0" in page
    # figures are embedded as images, and the page needs no network and runs no script
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert all(base64.b64decode(i)[:8] == b"\x89PNG\r\n\x1a\n" for i in images)
    svgs = re.findall(r'<svg [^>]*role="img"', page)   # figures whose points carry hover titles
    assert len(images) + len(svgs) >= 3 and svgs
    # each figure is described by its caption for screen readers, not nbconvert's placeholder
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', page) + re.findall(r'<svg [^>]*aria-label="([^"]*)"', page)
    assert "Publication timeline" in alts and "Most frequent terms" in alts
    assert not any(a.startswith("No description") for a in alts)
    assert "<script" not in page.lower()
    assert not re.search(r'(?:src|href)="https?://', page)
    # code is hidden by default
    assert "import matplotlib" not in page
    for name in ("timeline", "words_per_article", "top_terms"):
        for ext in ("png", "svg"):
            assert (out / "figures" / "00_corpus_overview" / f"{name}.{ext}").stat().st_size > 1000
    timeline = pd.read_csv(out / "tables" / "00_corpus_overview" / "timeline.csv")
    assert sorted(timeline["published"]) == ["2023-11-03", "2023-11-03", "2023-11-10", "2024-03-20", "2024-03-26"]
    words = pd.read_csv(out / "tables" / "00_corpus_overview" / "words_per_article.csv")
    assert len(words) == 5 and words["words"].between(500, 900).all()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="00_corpus_overview.html"' in index and "ok" in index and "first date" in index
    executed = nbformat.read(out / "00_corpus_overview.ipynb", as_version=4)
    assert any(c.get("outputs") for c in executed.cells if c.cell_type == "code")


def test_article_text_with_script_shows_as_text(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text("<script>alert('pwned')</script> headline\n\nBody <b>bold</b> text.",
                                     encoding="utf-8")
    out = tmp_path / "out"
    result = render(NOTEBOOKS, out, {"corpus": str(corpus)}, only=["00"], log=lambda *_: None)
    assert result.failed == []
    page = (out / "00_corpus_overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert" not in page and "<b>bold</b>" not in page


def test_a_failing_notebook_is_saved_with_its_error_and_the_others_render(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    shutil.copy(NOTEBOOKS / "00_corpus_overview.ipynb", books)
    bad = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"},
                                                "language_info": {"name": "python"}})
    bad.cells = [nbformat.v4.new_code_cell("corpus = None\noutput_dir = None", metadata={"tags": ["parameters"]}),
                 nbformat.v4.new_code_cell("raise RuntimeError('deliberate failure')")]
    nbformat.write(bad, books / "99_broken.ipynb")
    out = tmp_path / "out"
    code = main(["render", "--notebooks", str(books), "--output", str(out), "--corpus", str(SEEDS), "--jobs", "1"])
    assert code == 1
    assert (out / "00_corpus_overview.html").exists()
    saved = (out / "99_broken.html").read_text(encoding="utf-8")
    assert "deliberate failure" in saved
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed: RuntimeError: deliberate failure" in index


def test_unknown_parameters_are_refused_before_anything_runs(tmp_path):
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) \['corpsu'\]"):
        render(NOTEBOOKS, tmp_path, {"corpsu": "x"}, only=["00"], log=lambda *_: None)
    assert not list(tmp_path.iterdir())
    assert main(["render", "--only", "00", "--output", str(tmp_path), "--corpus", str(tmp_path / "nope")]) == 2


@pytest.mark.parametrize("params, message", [
    ({"start_date": "yesterday"}, "start_date='yesterday' is not a date"),
    ({"start_date": "2024-02-01", "end_date": "2023-12-01"}, "is after end_date"),
    ({"outlets": ["No Such Outlet"]}, r"outlets=\['No Such Outlet'\] not in the corpus"),
    ({"group_by": "no_such_column"}, "group_by='no_such_column': expected one of"),
])
def test_a_bad_parameter_value_is_refused_before_any_kernel_starts(tmp_path, monkeypatch, params, message):
    from conflictnews.reports import render as render_module

    def no_kernel(*args, **kwargs):
        raise AssertionError("a notebook was started with a bad parameter")
    monkeypatch.setattr(render_module, "render_one", no_kernel)
    only = ["03"] if "group_by" in params else ["00"]
    with pytest.raises(ParameterError, match=message):
        render(NOTEBOOKS, tmp_path, {"corpus": str(SEEDS), **params}, only=only, log=lambda *_: None)
    assert not list(tmp_path.glob("*.html")) and not list(tmp_path.glob(".render-*"))


def test_show_code_keeps_the_code(tmp_path):
    code = main(["render", "--only", "00", "--output", str(tmp_path), "--corpus", str(SEEDS), "--show-code",
                 "-p", "top_n=5"])
    assert code == 0
    page = (tmp_path / "00_corpus_overview.html").read_text(encoding="utf-8")
    assert "overview.top_terms" in re.sub(r"<[^>]+>", "", page)
    assert len(pd.read_csv(tmp_path / "tables" / "00_corpus_overview" / "top_terms.csv")) == 5
    executed = json.loads((tmp_path / "00_corpus_overview.ipynb").read_text())
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert "top_n = 5" in "".join(injected[0]["source"])


def test_sweep_groups_by_outlet_and_period():
    from conflictnews.reports.render import sweep_groups

    by_outlet = sweep_groups({"corpus": str(SEEDS)}, "outlet")
    assert [(label, slug) for label, slug, _ in by_outlet][:2] == [("Daily Sabah", "daily-sabah"),
                                                                   ("The Jerusalem Post", "the-jerusalem-post")]
    assert by_outlet[0][2] == {"outlets": ["Daily Sabah"]}
    by_month = sweep_groups({"corpus": str(SEEDS)}, "month")
    assert by_month == [("2023-11", "2023-11", {"start_date": "2023-11-01", "end_date": "2023-11-30"}),
                        ("2024-03", "2024-03", {"start_date": "2024-03-01", "end_date": "2024-03-31"})]
    with pytest.raises(ParameterError, match="sweep='week'"):
        sweep_groups({"corpus": str(SEEDS)}, "week")


def _probe_notebook(tmp_path: Path, cells: list) -> Path:
    """A folder holding one notebook, ``00_probe``, of ``cells`` (the first: its parameters)."""
    books = tmp_path / "notebooks"
    books.mkdir()
    probe = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"},
                                               "language_info": {"name": "python"}})
    probe.cells = cells
    nbformat.write(probe, books / "00_probe.ipynb")
    return books


def test_the_corpus_is_loaded_once_and_every_notebook_reads_that(tmp_path, monkeypatch):
    monkeypatch.delenv("CONFLICTNEWS_CACHE", raising=False)
    books = _probe_notebook(tmp_path, [
        nbformat.v4.new_code_cell("corpus = None\noutput_dir = None", metadata={"tags": ["parameters"]}),
        # in the kernel: the corpus comes tokenized from the render's snapshot, without NLTK
        nbformat.v4.new_code_cell(
            "import sys\nfrom conflictnews.reports.report import load\nc = load(corpus, show=False)\n"
            "assert 'sentences' in c.__dict__, 'not read from the cache'\n"
            "assert 'nltk' not in sys.modules, 'NLTK imported'\nprint('from cache:', len(c.sentences))")])
    out = tmp_path / "out"
    result = render(books, out, {"corpus": str(SEEDS)}, log=lambda *_: None)
    assert result.failed == [], result.reports[0].error
    assert len([p for p in (out / ".cache").glob("corpus-*") if p.is_dir()]) == 1
    assert "CONFLICTNEWS_CACHE" not in __import__("os").environ  # restored after the render


def test_every_table_is_made_once_and_every_notebook_reads_it(tmp_path, monkeypatch):
    """The render extracts once into the cache; a notebook declaring `tables` reads them from there
    (no parse, no extraction in the kernel), and a second render of the same corpus extracts nothing."""
    monkeypatch.delenv("CONFLICTNEWS_CACHE", raising=False)
    books = _probe_notebook(tmp_path, [
        nbformat.v4.new_code_cell("corpus = None\noutput_dir = None\ntables = None",
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import conflictnews.extractors.registry as registry\n"
            "from conflictnews.extractors.casualties import claims\nfrom conflictnews.reports.report import load\n"
            "assert tables, 'no extract folder passed'\n"
            "registry.articles = None   # computing any table now would fail: they must be read\n"
            "c = load(corpus, tables=tables, show=False)\nfound = claims(c)\nassert len(found) == 19, len(found)\n"
            "assert '_parses' not in c.__dict__")])
    out = tmp_path / "out"
    for expected in ("every table, once", "already made"):
        lines = []
        result = render(books, out, {"corpus": str(SEEDS)}, log=lines.append)
        assert result.failed == [], result.reports[0].error
        assert any(expected in line for line in lines), lines
    assert len(list((out / ".cache").glob("extract-*"))) == 1


def test_path_parameters_are_resolved_from_where_the_command_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stop.txt").write_text("gaza\nisrael\n", encoding="utf-8")
    out = tmp_path / "out"
    common = ["render", "--notebooks", str(NOTEBOOKS), "--only", "00", "--output", str(out), "--corpus", str(SEEDS)]
    assert main([*common, "-p", "stopwords=stop.txt", "-p", "top_n=40"]) == 0
    terms = pd.read_csv(out / "tables" / "00_corpus_overview" / "top_terms.csv")["term"]
    assert "gaza" not in set(terms) and "israel" not in set(terms) and len(terms) == 40
    assert main([*common, "-p", "stopwords=missing.txt"]) == 2


def test_a_bare_yaml_date_is_passed_as_its_iso_string(tmp_path):
    # `--param start_date=2024-01-01` is read as YAML, which makes it a date object
    params_file = tmp_path / "params.yml"
    params_file.write_text("end_date: 2023-11-05\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", "--notebooks", str(NOTEBOOKS), "--only", "00", "--output", str(out),
                 "--corpus", str(SEEDS), "--params", str(params_file), "-p", "start_date=2023-11-01"]) == 0
    timeline = pd.read_csv(out / "tables" / "00_corpus_overview" / "timeline.csv")
    assert sorted(timeline["published"]) == ["2023-11-03", "2023-11-03"]
    executed = json.loads((out / "00_corpus_overview.ipynb").read_text())
    injected = "".join(next(c for c in executed["cells"]
                            if "injected-parameters" in c["metadata"].get("tags", []))["source"])
    assert 'start_date = "2023-11-01"' in injected and 'end_date = "2023-11-05"' in injected


def test_a_value_that_is_not_plain_data_is_refused_by_name(tmp_path):
    with pytest.raises(ParameterError, match=r"top_n=\{1, 2\}: a set cannot be passed"):
        render(NOTEBOOKS, tmp_path, {"corpus": str(SEEDS), "top_n": {1, 2}}, only=["00"], log=lambda *_: None)


def test_a_failure_before_any_cell_runs_is_written_into_the_report(tmp_path):
    from conflictnews.reports.render import render_one

    # papermill itself fails (it cannot write a set into the notebook): no cell holds the error
    r = render_one(NOTEBOOKS / "00_corpus_overview.ipynb", tmp_path, {"outlets": {"x"}}, progress=False)
    assert not r.ok and r.error.startswith("TypeError")
    page = re.sub(r"<[^>]+>", "", r.html.read_text(encoding="utf-8"))
    assert "This report failed to render" in page and "TypeError" in page


# ---------------------------------------------------------------------------------------------
# Nothing mixed between renders (issue 14)


def test_a_second_render_into_the_same_folder_stops_with_a_message(tmp_path):
    from conflictnews.reports.render import OutputBusy, output_lock

    tmp_path.mkdir(exist_ok=True)
    with output_lock(tmp_path):
        with pytest.raises(OutputBusy, match=rf"another render \(process {os.getpid()}\) is writing into"):
            render(NOTEBOOKS, tmp_path, {"corpus": str(SEEDS)}, only=["00"], log=lambda *_: None)
        code = subprocess.run([sys.executable, "-m", "conflictnews.cli", "render", "--only", "00", "--output",
                               str(tmp_path), "--corpus", str(SEEDS)], capture_output=True, text=True)
        assert code.returncode == 2 and "another render" in code.stderr
    assert not list(tmp_path.glob("*.html"))


def test_a_filtered_rerender_leaves_no_stale_figure_or_table(overview):
    out, _ = overview
    stale = [out / "figures" / "00_corpus_overview" / "left_over.png",
             out / "tables" / "00_corpus_overview" / "left_over.csv"]
    for path in stale:
        path.write_text("from an earlier render", encoding="utf-8")
    kept = out / "tables" / "99_other_report" / "theirs.csv"   # another report's files are not touched
    kept.parent.mkdir(parents=True)
    kept.write_text("x", encoding="utf-8")
    result = render(NOTEBOOKS, out, {"corpus": str(SEEDS), "outlets": ["Daily Sabah"]}, only=["00"],
                    log=lambda *_: None)
    assert result.failed == []
    assert not any(p.exists() for p in stale) and kept.exists()
    articles = pd.read_csv(out / "tables" / "00_corpus_overview" / "articles.csv")
    assert set(articles["outlet"]) == {"Daily Sabah"}
    assert not list(out.glob(".render-*"))   # the fresh folder it wrote into is gone
    assert result.index == out / "index.html" and result.reports[0].html == out / "00_corpus_overview.html"


def test_an_output_that_is_a_file_and_two_output_folders_are_refused(tmp_path, capsys):
    taken = tmp_path / "file"
    taken.write_text("mine", encoding="utf-8")
    assert main(["render", "--only", "00", "--output", str(taken)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert main(["render", "--only", "00", "--output", str(tmp_path / "a"), "--param",
                 f"output_dir={tmp_path / 'b'}"]) == 2
    assert "disagree: give it once" in capsys.readouterr().err
    assert main(["render", "--only", "00", "--corpus", str(SEEDS), "--param", "corpus=elsewhere"]) == 2
    assert taken.read_text(encoding="utf-8") == "mine" and not (tmp_path / "a").exists()


def test_sweep_folders_are_unique_and_keep_unicode(tmp_path):
    from conflictnews.reports.render import folder_names, sweep_groups

    assert folder_names(["Al Jazeera", "al-jazeera", "AL JAZEERA", "الجزيرة", "הארץ", "$\\undefined$", "", "..."],
                        "outlet") == ["al-jazeera", "al-jazeera-2", "al-jazeera-3", "الجزيرة", "הארץ", "undefined",
                                      "outlet", "outlet-2"]
    path = tmp_path / "c.jsonl"
    rows = [{"id": str(i), "text": f"Article {i}.", "outlet": o}
            for i, o in enumerate(["Al Jazeera", "al-jazeera", 7, "الجزيرة"])]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    groups = sweep_groups({"corpus": str(path)}, "outlet")
    assert [(label, slug) for label, slug, _ in groups] == [("7", "7"), ("Al Jazeera", "al-jazeera"),
                                                            ("al-jazeera", "al-jazeera-2"), ("الجزيرة", "الجزيرة")]


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_workers_die_with_the_command_even_after_kill_9(tmp_path):
    cmd = [sys.executable, "-m", "conflictnews.cli", "render", "--only", "00", "01", "--jobs", "2",
           "--output", str(tmp_path), "--corpus", str(SEEDS)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.2)
    assert len(workers) >= 2, "the render did not start its workers"
    time.sleep(1.0)
    kernels = [k for w in workers for k in _children(w)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in workers + kernels):
        time.sleep(0.2)
    assert not [p for p in workers + kernels if _alive(p)]
    assert list(tmp_path.glob(".render-*"))   # what the killed render left is removed by the next one
    render(NOTEBOOKS, tmp_path, {"corpus": str(SEEDS)}, only=["00"], log=lambda *_: None)
    assert not list(tmp_path.glob(".render-*"))
