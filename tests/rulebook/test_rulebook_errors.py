"""One broken rule-file fixture per failure mode: each is refused with file, line and why."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from screening.errors import RulebookError
from screening.load import load_rulebook
from tests.clirun import run
from tests.paths import FIXTURES
from tests.rulebooks import patched_rulebook

# mode → (file the problem names, line or None, text in the message, suggestion or None)
CASES = {
    "unknown-key": ("industry/extra.yaml", 8, "unknown key 'efect'", "effect"),
    "duplicate-yaml-key": ("industry/extra.yaml", 9, "duplicate key 'effect' (first on line 8)",
                           None),
    "duplicate-rule-id": ("industry/rules.yaml", 5, "duplicate rule id 'coal.reduction'", None),
    "unknown-clause": ("industry/extra.yaml", 7, "unknown clause 'fivee'", "five"),
    "unknown-fact": ("industry/extra.yaml", 9, "unknown fact or parameter 'coal.new_tc'",
                     "coal.new_tce"),
    "unknown-parameter": ("industry/extra.yaml", 9,
                          "unknown fact or parameter 'param.ratios.coul'", "param.ratios.coal"),
    "number-in-condition": ("industry/extra.yaml", 9, "the number 50000 is written", None),
    "unknown-enum-value": ("industry/extra.yaml", 9, "'新建项目' is not a value of", "新建"),
    "condition-syntax": ("industry/extra.yaml", 9, "cannot parse condition", None),
    "unknown-message-field": ("industry/extra.yaml", 10,
                              "message names unknown fact or parameter 'coal.new_tcee'",
                              "coal.new_tce"),
    "bad-effect": ("industry/extra.yaml", 8, "Input should be 'reject'", None),
    "yaml-syntax": ("industry/extra.yaml", None, "YAML syntax error", None),
    "quote-not-verbatim": ("policy/clauses.yaml", 17, "not found verbatim in plan.txt", None),
    "parameter-shape": ("parameters/extra.yaml", 5, "must be a mapping of key: value", None),
    "parameter-unknown-confidence": ("parameters/extra.yaml", 8, "Input should be 'read'", None),
    "overlay-unknown-parameter": ("overlays/city/parameters/ratios.yaml", 5,
                                  "overlay sets unknown parameter 'param.ratios.cole'",
                                  "param.ratios.coal"),
    "order-a-bool": ("industry/extra.yaml", 9, "'two_high.in_scope' is a bool", None),
    "parameter-negative-ratio": ("parameters/ratios.yaml", 15,
                                 "value -1.5 of 'coal' on 2023-01-01 is out of range", None),
    "parameter-ratio-too-large": ("parameters/ratios.yaml", 25,
                                  "value 15 of 'air' on 2021-06-19 is out of range", None),
    "overlay-out-of-range": ("overlays/city/parameters/ratios.yaml", 14,
                             "value 0 of 'coal' on 2022-06-01 is out of range", None),
    "clause-unknown-section": ("policy/clauses.yaml", 20,
                               "cites section '九(九)9', which plan.txt does not have", None),
    "clause-wrong-section": ("policy/clauses.yaml", 20,
                             "quote of clause 'five' is not in section 二3 of plan.txt but in 二4",
                             "二4"),
    "unknown-catalogue": ("catalogues/two_highs.yaml", 1, "Field required",  # not a list catalogue
                          None),
    # higher-level documents and their excerpts (policy/documents.yaml, policy/basis.yaml)
    "basis-quote-not-verbatim": ("policy/basis.yaml", 4, "not found verbatim in texts/ratios.txt",
                                 None),
    "basis-unknown-document": ("policy/basis.yaml", 2, "names unknown document 'ratio'", "ratios"),
    "basis-confidence-above-document": ("policy/basis.yaml", 5,
                                        "is 'read' but its document 测试〔2021〕57号 is only "
                                        "'partial'", None),
    "document-text-missing": ("policy/documents.yaml", 7, "text of document 'ratios' not found",
                              None),
    "strength-without-reason": ("policy/clauses.yaml", 24, "stronger than the wording ('note') "
                                "and gives no strength_reason", None),
    "unknown-basis": ("industry/rules.yaml", 10, "names unknown basis excerpt 'ratios/cole'",
                      "ratios/coal"),
}

# mode → (file, line, text): the rulebook loads, `rules check` refuses it
FIDELITY = {
    "fidelity-stronger-than-texts": ("industry/rules.yaml", 10,
                                     "effect 'reject' is stronger than every text it cites "
                                     "(clause note)"),
    "fidelity-reject-on-unread-parameter": ("industry/rules.yaml", 11,
                                            "a reject rests on texts or numbers that were not "
                                            "read: param.ratios.air (unverified)"),
    "fidelity-reject-on-unread-basis": ("industry/rules.yaml", 11,
                                        "not read: basis ratios/coal (partial)"),
}


def broken_rulebook(tmp_path: Path, mode: str) -> Path:
    return patched_rulebook(tmp_path / "rules", f"broken/{mode}")


def test_every_fixture_has_an_expectation() -> None:
    on_disk = {p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir()}
    assert on_disk == set(CASES) | set(FIDELITY)


def test_the_valid_fixture_loads() -> None:
    book = load_rulebook(FIXTURES / "rulebook")
    assert [r.id for r in book.rules] == ["coal.reduction", "so2.equal"]
    assert book.hash.startswith("sha256:")
    assert book.fidelity == []
    coal = book.rules_by_id["coal.reduction"]
    assert [b.id for b in coal.basis] == ["ratios/coal"] and coal.window_end is None
    assert book.rules_by_id["so2.equal"].window_end == date(2023, 12, 31)  # plan-only


@pytest.mark.parametrize("mode", sorted(FIDELITY))
def test_fidelity_fixture_is_refused_by_rules_check(tmp_path: Path, mode: str) -> None:
    """The rulebook still loads (screening and tests run), but `rules check` exits 2."""
    file, line, text = FIDELITY[mode]
    root = broken_rulebook(tmp_path, mode)
    book = load_rulebook(root)
    matching = [p for p in book.fidelity if text in p.message]
    assert matching, f"no problem says {text!r}: {[p.render() for p in book.fidelity]}"
    problem = matching[0]
    assert problem.file is not None and problem.file.endswith(file)
    assert problem.line == line, problem.render()
    assert problem.field == "coal.reduction.effect"
    code, _, err = run("rules", "check", "--rules", str(root))
    assert code == 2 and text in err and file in err


@pytest.mark.parametrize("mode", sorted(CASES))
def test_broken_fixture_is_refused_with_its_place(tmp_path: Path, mode: str) -> None:
    file, line, text, suggestion = CASES[mode]
    overlays = ("city",) if mode.startswith("overlay") else ()
    with pytest.raises(RulebookError) as caught:
        load_rulebook(broken_rulebook(tmp_path, mode), overlays)
    problems = caught.value.problems
    matching = [p for p in problems if text in p.message]
    assert matching, f"no problem says {text!r}: {[p.render() for p in problems]}"
    problem = matching[0]
    assert problem.file is not None and problem.file.endswith(file)
    if line is not None:
        assert problem.line == line, problem.render()
    else:
        assert problem.line is None or problem.line > 0
    assert problem.suggestion == suggestion
    rendered = problem.render()
    assert file in rendered and text in rendered


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    root = broken_rulebook(tmp_path, "unknown-fact")
    shutil.copytree(FIXTURES / "broken" / "unknown-catalogue", root, dirs_exist_ok=True)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(root)
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "coal.new_tc" in messages and "Field required" in messages


def test_missing_rules_folder(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match="rules folder not found"):
        load_rulebook(tmp_path / "nowhere")


def test_hash_changes_with_content(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(FIXTURES / "rulebook", root)
    before = load_rulebook(root).hash
    params = root / "parameters" / "ratios.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("2.0", "2.5"), encoding="utf-8")
    assert load_rulebook(root).hash != before
