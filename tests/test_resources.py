"""The resource loader: one way to read a YAML file and its ``extends`` chain, for the gazetteer,
the stance lexicon and the conflict profiles alike (each with its own merge rule)."""
import os

import pytest

from conflictnews.extractors.actors import GAZETTEER_FILES, load_gazetteer
from conflictnews.extractors.stance import LEXICON_FILES, load_lexicon
from conflictnews.profiles import PROFILE_FILES, ProfileError, load_profile
from conflictnews.resources import Kind, ResourceError, extend_mapping, load_extended, load_yaml


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _union(parent, child, source):
    """A toy merge rule: lists are added to the parent's, other values replace them."""
    out = dict(parent)
    for key, value in child.items():
        out[key] = list(parent.get(key) or []) + value if isinstance(value, list) else value
    out.pop("extends", None)
    return out


def _kind(tmp_path):
    shipped = _write(tmp_path / "shipped" / "base.yml", "words: [a, b]\ncolour: red\n")
    _write(tmp_path / "shipped" / "other.yml", "words: [z]\n")

    def find(name):
        path = tmp_path / "shipped" / f"{name}.yml"
        if not path.is_file():
            raise ResourceError(f"no shipped file {name}")
        return path
    return Kind("toy", shipped, _union, find=find)


def test_extends_default_a_shipped_name_and_a_relative_path(tmp_path):
    kind = _kind(tmp_path)
    mine = _write(tmp_path / "a" / "mine.yml", "extends: default\nwords: [c]\n")
    assert load_extended(mine, kind).data == {"words": ["a", "b", "c"], "colour": "red"}
    named = _write(tmp_path / "a" / "named.yml", "extends: other\nwords: [y]\n")
    assert load_extended(named, kind).data == {"words": ["z", "y"]}
    child = _write(tmp_path / "b" / "child.yml", "extends: ../a/mine.yml\nwords: [d]\ncolour: blue\n")
    got = load_extended(child, kind)
    assert got.data == {"words": ["a", "b", "c", "d"], "colour": "blue"}
    assert [p.name for p in got.chain] == ["child.yml", "mine.yml", "base.yml"]
    # a file that extends nothing is taken as it is; so is "extends: none"
    assert load_extended(_write(tmp_path / "c.yml", "extends: none\nwords: [q]\n"), kind).data["words"] == ["q"]


def test_a_loop_names_every_file_of_it(tmp_path):
    kind = _kind(tmp_path)
    a = _write(tmp_path / "a.yml", "extends: b.yml\n")
    _write(tmp_path / "b.yml", "extends: a.yml\n")
    with pytest.raises(ResourceError, match="makes a loop") as err:
        load_extended(a, kind)
    assert "a.yml" in str(err.value) and "b.yml" in str(err.value)
    itself = _write(tmp_path / "self.yml", "extends: self.yml\n")
    with pytest.raises(ResourceError, match="loop"):
        load_extended(itself, kind)


@pytest.mark.parametrize("body, message", [
    ("extends: nowhere\n", "extends: no shipped file nowhere"),
    ("extends: sub/missing.yml\n", "extends: file not found"),
    ("extends: [a]\n", "'extends' must be 'default'"),
    ("- a\n- b\n", "expected a mapping"),
    ("words: [a\n", "not valid YAML"),
])
def test_errors_name_the_file(tmp_path, body, message):
    path = _write(tmp_path / "broken.yml", body)
    with pytest.raises(ResourceError, match=message) as err:
        load_extended(path, _kind(tmp_path))
    assert "broken.yml" in str(err.value)


def test_a_broken_parent_is_named_not_the_child(tmp_path):
    _write(tmp_path / "parent.yml", "words: [a\n")
    child = _write(tmp_path / "child.yml", "extends: parent.yml\n")
    with pytest.raises(ResourceError, match="parent.yml: not valid YAML"):
        load_extended(child, _kind(tmp_path))


def test_cached_until_a_file_of_the_chain_changes(tmp_path):
    kind = _kind(tmp_path)
    parent = _write(tmp_path / "parent.yml", "words: [a]\n")
    child = _write(tmp_path / "child.yml", "extends: parent.yml\nwords: [b]\n")
    first = load_extended(child, kind)
    assert load_extended(child, kind) is first
    _write(parent, "words: [x, y]\n")
    os.utime(parent, (first.stamp[1][1] + 10, first.stamp[1][1] + 10))   # a later modification time
    again = load_extended(child, kind)
    assert again.data["words"] == ["x", "y", "b"] and again.stamp != first.stamp


def test_a_mapping_in_memory_extends_like_a_file(tmp_path):
    kind = _kind(tmp_path)
    assert extend_mapping({"extends": "default", "words": ["c"]}, kind)["words"] == ["a", "b", "c"]
    _write(tmp_path / "near.yml", "words: [n]\n")
    assert extend_mapping({"extends": "near.yml", "words": ["m"]}, kind, base=tmp_path)["words"] == ["n", "m"]
    assert extend_mapping({"words": ["m"]}, kind) == {"words": ["m"]}


def test_a_file_that_stands_alone_refuses_extends(tmp_path):
    from conflictnews.corpus.clean import load_rules

    path = _write(tmp_path / "cleaning.yml", "extends: default\nline_rules: []\n")
    with pytest.raises(ResourceError, match="cleaning.yml: 'extends' is not read in this file"):
        load_rules(path)


def test_dates_are_read_as_text(tmp_path):
    path = _write(tmp_path / "dated.yml", "from: 2021-01-26\n")
    assert load_yaml(path)["from"] == "2021-01-26"


# ---------------------------------------------------------------------------------------------
# The three resources that extend: the same `extends`, their own merge rules


def test_a_gazetteer_extends_a_user_gazetteer_by_relative_path(tmp_path):
    _write(tmp_path / "base" / "sudan.yml",
           "extends: default\nactors:\n  - {id: rsf, name: Rapid Support Forces, kind: armed_group, "
           "affiliation: Sudan, aliases: [RSF]}\n")
    mine = _write(tmp_path / "mine" / "actors.yml",
                  "extends: ../base/sudan.yml\nactors:\n  - {id: dagalo, name: Mohamed Hamdan Dagalo, "
                  "kind: person, affiliation: Sudan}\n")
    gz = load_gazetteer(mine)
    assert {"rsf", "dagalo", "hamas"} <= set(gz.actors)          # its own, its parent's, the shipped ones
    assert gz.actors["rsf"].affiliation == "Sudan"                 # the parent's entry replaced the shipped one
    assert sum(a.id == "rsf" for a in gz.actors.values()) == 1


def test_a_file_named_like_the_shipped_one_in_the_working_folder_extends_the_shipped_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # "default" is the shipped file, never ./stance.yml or ./actors.yml
    _write(tmp_path / "stance.yml", "extends: default\ncategories:\n  talks:\n    description: Talks.\n"
                                    "    terms: [negotiation*]\n")
    assert {"talks", "ceasefire"} <= set(load_lexicon("stance.yml").categories)
    _write(tmp_path / "actors.yml", "extends: default\nactors:\n  - {id: x, name: Xavier Q, kind: person, "
                                    "affiliation: X}\n")
    assert {"x", "hamas"} <= set(load_gazetteer("actors.yml").actors)


def test_gazetteer_errors_name_the_file_that_has_them(tmp_path):
    _write(tmp_path / "parent.yml", "actors: []\ncolour: red\n")
    child = _write(tmp_path / "child.yml", "extends: parent.yml\nactors:\n  - {id: x, name: X, kind: state, "
                                           "affiliation: X}\n")
    with pytest.raises(ResourceError, match=r"parent\.yml: unknown top-level key\(s\) colour"):
        load_gazetteer(child)


def test_an_error_in_an_entry_names_the_files_it_may_come_from(tmp_path):
    parent = _write(tmp_path / "parent.yml", "actors:\n  - {id: a, name: A, kind: warlord, affiliation: X}\n")
    child = _write(tmp_path / "child.yml", "extends: parent.yml\nactors:\n  - {id: b, name: B, kind: state, "
                                           "affiliation: X}\n")
    with pytest.raises(ResourceError, match="kind 'warlord'") as err:
        load_gazetteer(child)
    assert str(child) in str(err.value) and str(parent) in str(err.value)
    lexicon = _write(tmp_path / "lex.yml", "extends: default\ncategories:\n  x:\n    terms: [a]\n")
    with pytest.raises(ResourceError, match="needs a 'description'.*a file it extends: .*stance.yml"):
        load_lexicon(lexicon)
    profile = _write(tmp_path / "prof.yml", "extends: sudan\nparties:\n  p: {side: nowhere, names: [p]}\n")
    with pytest.raises(ProfileError, match="parties.p.side.*a file it extends: .*sudan.yml"):
        load_profile(profile)


def test_a_lexicon_extends_another_user_lexicon(tmp_path):
    _write(tmp_path / "diplomacy.yml", "extends: default\ncategories:\n  diplomacy:\n    description: Talks.\n"
                                       "    terms: [negotiation*]\n")
    mine = _write(tmp_path / "mine.yml", "extends: diplomacy.yml\ncategories:\n  diplomacy:\n    extend: true\n"
                                         "    terms: [mediation]\n")
    lex = load_lexicon(mine)
    assert lex.categories["diplomacy"]["terms"] == ["negotiation*", "mediation"]
    assert "ceasefire" in lex.categories                             # the shipped categories are kept


def test_a_lexicon_loop_is_an_error(tmp_path):
    a = _write(tmp_path / "a.yml", "extends: b.yml\ncategories: {}\n")
    _write(tmp_path / "b.yml", "extends: a.yml\ncategories: {}\n")
    with pytest.raises(ResourceError, match="loop"):
        load_lexicon(a)


def test_profiles_extend_a_shipped_name_default_and_a_relative_path(tmp_path):
    base = _write(tmp_path / "gaza.yml", "extends: israel-gaza\nname: gaza-mine\nplaces: [khan younis camp]\n")
    child = _write(tmp_path / "sub" / "child.yml", "extends: ../gaza.yml\nname: gaza-child\nforeign_nationals: {}\n")
    gaza = load_profile("israel-gaza")
    got = load_profile(child)
    assert got.name == "gaza-child" and set(got.sides) == set(gaza.sides)
    assert len(got.places) == len(gaza.places) + 1 and not got.foreign_nationals
    assert load_profile(base).foreign_nationals == gaza.foreign_nationals
    generic = _write(tmp_path / "g.yml", "extends: default\nname: plain\n")
    assert load_profile(generic).is_generic


def test_a_profile_loop_is_a_profile_error_naming_the_files(tmp_path):
    a = _write(tmp_path / "a.yml", "extends: b.yml\n")
    _write(tmp_path / "b.yml", "extends: a.yml\n")
    with pytest.raises(ProfileError, match=r"loop \(.*a\.yml -> .*b\.yml -> .*a\.yml\)"):
        load_profile(a)


def test_the_three_kinds_default_to_their_shipped_files():
    assert GAZETTEER_FILES.default.name == "actors.yml"
    assert LEXICON_FILES.default.name == "stance.yml"
    assert PROFILE_FILES.default.name == "generic.yml"
    for kind in (GAZETTEER_FILES, LEXICON_FILES, PROFILE_FILES):
        assert load_extended(kind.default, kind).chain == (kind.default,)
