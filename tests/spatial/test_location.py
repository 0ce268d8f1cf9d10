"""Bad site geometry gets a clear error naming the field and line; nothing crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.errors import InputError
from screening.facts.files import load_proposal
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import ROOT

CASE = ROOT / "cases" / "93-warehouse-point-outside-red-line.yaml"
LINE = "  location: {type: Point, crs: WGS84, coordinates: [118.4028, 35.12]}"


def _load(tmp_path: Path, location: str):
    text = CASE.read_text(encoding="utf-8")
    assert LINE in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(LINE, location), encoding="utf-8")
    return load_proposal(path)


def _point(coordinates: str, crs: str = "WGS84", kind: str = "Point") -> str:
    return f"  location: {{type: {kind}, crs: {crs}, coordinates: {coordinates}}}"


def _problem(tmp_path: Path, location: str):
    with pytest.raises(InputError) as caught:
        _load(tmp_path, location)
    problems = caught.value.problems
    assert len(problems) == 1, caught.value
    problem = problems[0]
    assert problem.file and problem.file.endswith("p.yaml")
    assert problem.line is not None
    return problem


def test_self_intersecting_polygon(tmp_path: Path) -> None:
    bowtie = ("[[[118.43, 35.15], [118.44, 35.16], [118.44, 35.15], [118.43, 35.16], "
              "[118.43, 35.15]]]")
    problem = _problem(tmp_path, _point(bowtie, "CGCS2000", "Polygon"))
    assert problem.field == "site.location.coordinates"
    assert "Self-intersection" in problem.message and "redrawn" in problem.message


def test_latitude_and_longitude_swapped(tmp_path: Path) -> None:
    problem = _problem(tmp_path, _point("[35.12, 118.4028]"))
    assert problem.field == "site.location.coordinates"
    assert "[latitude, longitude]" in problem.message and "[118.4028, 35.12]" in problem.message


def test_swapped_polygon(tmp_path: Path) -> None:
    ring = "[[[35.15, 118.43], [35.15, 118.44], [35.16, 118.44], [35.15, 118.43]]]"
    problem = _problem(tmp_path, _point(ring, kind="Polygon"))
    assert "[latitude, longitude]" in problem.message


def test_outside_china(tmp_path: Path) -> None:
    problem = _problem(tmp_path, _point("[2.35, 48.85]"))
    assert problem.field == "site.location.coordinates"
    assert "outside China" in problem.message


def test_unknown_crs_with_suggestion(tmp_path: Path) -> None:
    problem = _problem(tmp_path, _point("[118.43, 35.15]", "GCJ-2"))
    assert problem.field == "site.location.crs"
    assert "unknown coordinate system 'GCJ-2'" in problem.message
    assert "did you mean 'GCJ-02'" in problem.message


def test_ring_not_closed(tmp_path: Path) -> None:
    ring = "[[[118.43, 35.15], [118.44, 35.15], [118.44, 35.16], [118.43, 35.16]]]"
    problem = _problem(tmp_path, _point(ring, kind="Polygon"))
    assert "not closed" in problem.message


def test_unknown_geometry_type(tmp_path: Path) -> None:
    problem = _problem(tmp_path, _point("[118.43, 35.15]", kind="Line"))
    assert problem.field == "site.location.type"


def test_crs_is_required(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "  location: {type: Point, coordinates: [118.43, 35.15]}")
    assert problem.field == "site.location.crs"


@pytest.mark.parametrize("name", ["EPSG:4490", "epsg:4326", "gcj02", "BD09", "wgs84"])
def test_crs_spellings(tmp_path: Path, name: str) -> None:
    loaded = _load(tmp_path, _point("[118.43, 35.15]", name))
    assert loaded.proposal.site.location.crs in ("CGCS2000", "WGS84", "GCJ-02", "BD-09")


def test_a_bad_site_does_not_stop_a_batch(tmp_path: Path) -> None:
    """The file with the bad site is reported with its field; the others are screened."""
    good = tmp_path / "good.yaml"
    good.write_text(CASE.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(CASE.read_text(encoding="utf-8").replace(LINE, _point("[35.12, 118.4028]")),
                   encoding="utf-8")
    code, out, err = run("screen", str(tmp_path), "--format", "json")
    assert code == 1
    assert "bad.yaml" in err and "site.location.coordinates" in err
    assert "[latitude, longitude]" in err and "Traceback" not in err
    entries = json.loads(out)
    assert [d["proposal_id"] for d in entries if "proposal_id" in d] == ["HD-2022-252"]
    errors = [d for d in entries if "error" in d]
    assert len(errors) == 1 and errors[0]["field"] == "site.location.coordinates"
    assert errors[0]["file"].endswith("bad.yaml") and errors[0]["line"]
