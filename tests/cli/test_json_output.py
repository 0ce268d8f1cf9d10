"""Machine JSON is compact by default and says exactly what the decision says.

Whatever the rules decide, the compact text (one decision a line, from the fast
encoder), the indented text (``--indent``) and Python's own ``json`` of the
decision's dict parse to the same value, for every sample case.
"""

from __future__ import annotations

import json

from screening.batch import render
from screening.facts.files import load_proposal
from screening.screen import Screener
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import CASES


def test_compact_and_indented_json_parse_to_the_decisions_dict(screener: Screener) -> None:
    for path in sorted(CASES.glob("*.yaml")):
        decision = screener.screen(load_proposal(path).proposal)
        reference = json.loads(json.dumps(decision.as_dict(), ensure_ascii=False))
        compact = render(decision, "json", "zh")
        indented = render(decision, "json", "zh", indent=True)
        assert "\n" not in compact, path
        assert json.loads(compact) == reference == json.loads(indented), path
        assert indented.startswith("  {\n") and "\n    \"proposal_id\"" in indented


def test_the_command_line_prints_compact_json_unless_asked_to_indent() -> None:
    code, compact, _ = run("screen", str(CASES), "--format", "json")
    assert code == 0
    code, indented, _ = run("screen", str(CASES), "--format", "json", "--indent")
    assert code == 0
    decisions = json.loads(compact)
    assert decisions == json.loads(indented)
    assert len(decisions) == len(list(CASES.glob("*.yaml")))
    assert len(compact.splitlines()) == len(decisions) + 2  # "[", one line each, "]"
    assert len(indented.splitlines()) > 10 * len(decisions)


def test_json_as_bytes_is_the_text_encoded(screener: Screener) -> None:
    """The bytes the CLI writes to a UTF-8 stdout are the JSON text's own UTF-8 bytes."""
    import io

    from screening.batch import FileResult, Output, render_error, utf8_stdout
    from screening.errors import Problem

    decisions = [screener.screen(load_proposal(path).proposal)
                 for path in sorted(CASES.glob("*.yaml"))[:12]]
    bad = FileResult(CASES / "x.yaml", problems=[Problem("broken", file="x.yaml", line=3)])
    for indent in (False, True):
        for count in (0, 1, 12):
            texts: list[str] = []
            raws: list[bytes] = []
            text_out = Output("json", lambda t, nl=True, into=texts: into.append(t))
            byte_out = Output("json", lambda b, nl=True, into=raws: into.append(b),
                              binary=True)
            for decision in decisions[:count]:
                text = render(decision, "json", "zh", indent)
                raw = render(decision, "json", "zh", indent, binary=True)
                assert isinstance(raw, bytes) and raw == str(text).encode("utf-8")
                text_out.write(text)
                byte_out.write(raw)
            text_out.write(render_error(bad, indent))
            byte_out.write(render_error(bad, indent, binary=True))
            text_out.close()
            byte_out.close()
            assert b"".join(raws) == "".join(texts).encode("utf-8")
    import sys

    for encoding, expected in (("latin-1", False), ("gbk", False), ("utf-8", True),
                               ("UTF8", True)):
        saved, sys.stdout = sys.stdout, io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        try:
            assert utf8_stdout() is expected, encoding
        finally:
            sys.stdout = saved
