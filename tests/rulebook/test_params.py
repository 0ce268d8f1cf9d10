"""Which number is in force: by date, by layer, and per key for keyed parameters."""

from __future__ import annotations

from datetime import date

from screening.rulebook.models import Parameter
from screening.rulebook.params import LayeredParameter, resolve


def parameter(values: dict, keyed_by: str | None = None, document: str = "base-doc") -> Parameter:
    return Parameter.model_validate({
        "description": {"zh": "比例", "en": "ratio"}, "unit": "ratio",
        "reference": {"document": document, "confidence": "read"},
        "keyed_by": keyed_by, "values": values})


def test_latest_value_not_after_the_date() -> None:
    layered = LayeredParameter("param.x.r", parameter({date(2021, 6, 19): 1.2,
                                                      date(2023, 11, 30): 1.5}), "x.yaml")
    assert resolve({"param.x.r": layered}, date(2021, 6, 18), {}, keyed=False) == {}
    assert resolve({"param.x.r": layered}, date(2021, 6, 19), {},
                   keyed=False)["param.x.r"].value == 1.2
    found = resolve({"param.x.r": layered}, date(2024, 1, 1), {}, keyed=False)["param.x.r"]
    assert (found.value, found.effective, found.layer) == (1.5, date(2023, 11, 30), "base")


def test_overlay_wins_where_in_force_and_says_so() -> None:
    base = parameter({date(2021, 1, 1): 1.2})
    city = parameter({date(2022, 6, 1): 2.0}, document="city-doc")
    layered = LayeredParameter("param.x.r", base, "x.yaml", (("city", city, "o.yaml"),))
    before = resolve({"param.x.r": layered}, date(2022, 5, 31), {}, keyed=False)["param.x.r"]
    after = resolve({"param.x.r": layered}, date(2022, 6, 1), {}, keyed=False)["param.x.r"]
    assert (before.value, before.layer, before.document) == (1.2, "base", "base-doc")
    assert (after.value, after.layer, after.document) == (2.0, "city", "city-doc")


def test_keyed_overlay_replaces_only_its_own_keys() -> None:
    base = parameter({date(2021, 1, 1): {"钢铁": 1.25, "水泥熟料": 1.5}}, keyed_by="two_high.type")
    city = parameter({date(2022, 1, 1): {"钢铁": 2.0}}, keyed_by="two_high.type")
    layered = LayeredParameter("param.x.r", base, "x.yaml", (("city", city, "o.yaml"),))
    day = date(2022, 9, 1)
    steel = resolve({"param.x.r": layered}, day, {"two_high.type": "钢铁"}, keyed=True)
    cement = resolve({"param.x.r": layered}, day, {"two_high.type": "水泥熟料"}, keyed=True)
    glass = resolve({"param.x.r": layered}, day, {"two_high.type": "平板玻璃"}, keyed=True)
    assert (steel["param.x.r"].value, steel["param.x.r"].layer) == (2.0, "city")
    assert (cement["param.x.r"].value, cement["param.x.r"].layer) == (1.5, "base")
    assert cement["param.x.r"].key == "水泥熟料"
    assert glass == {}  # no value for this type: the rule needing it is undetermined
    assert resolve({"param.x.r": layered}, day, {}, keyed=True) == {}


def test_in_force_by_period_matches_resolve_on_every_date(rulebook) -> None:
    """One worked-out period serves every as-of date in it: the same values as ``resolve``."""
    from datetime import timedelta

    from screening.rulebook.params import InForce

    in_force = InForce(rulebook.parameters)
    changes = sorted({d for layered in rulebook.parameters.values()
                      for d in layered.base.values})
    days = [d + timedelta(days=shift) for d in changes for shift in (-1, 0, 1)]
    keys: dict[str, set] = {}
    for layered in rulebook.parameters.values():
        if layered.base.keyed_by:
            for values in layered.base.values.values():
                keys.setdefault(layered.base.keyed_by, set()).update(values)
    cases = [{}] + [{fact: key} for fact, found in keys.items() for key in sorted(found)]
    assert len(changes) > 3 and len(cases) > 3
    for day in days:
        for facts in cases:
            chosen = in_force.day(day).chosen(facts)
            expected = {**resolve(rulebook.parameters, day, facts, keyed=False),
                        **resolve(rulebook.parameters, day, facts, keyed=True)}
            assert chosen.params == expected, (day, facts)
            assert chosen.values == {name: p.value for name, p in expected.items()
                                     if not isinstance(p.value, date)}
    assert len(in_force._periods) <= len(changes) + 1 < len(days)


def test_screening_takes_each_key_from_the_highest_layer_that_sets_it() -> None:
    """The Screener's memo (InForce) chooses keyed values as ``resolve`` does: an overlay
    setting one key leaves the other keys to the base layer, they do not go missing."""
    from screening.rulebook.params import InForce

    base = parameter({date(2021, 1, 1): {"钢铁": 1.25, "水泥熟料": 1.5}}, keyed_by="two_high.type")
    city = parameter({date(2022, 1, 1): {"钢铁": 2.0}}, keyed_by="two_high.type")
    params = {"param.x.r": LayeredParameter("param.x.r", base, "x.yaml",
                                            (("city", city, "o.yaml"),))}
    in_force = InForce(params)
    for day in (date(2021, 6, 1), date(2022, 9, 1)):
        for kind in ("钢铁", "水泥熟料", "平板玻璃"):
            facts = {"two_high.type": kind}
            assert in_force.day(day).chosen(facts).params == resolve(
                params, day, facts, keyed=True), (day, kind)
    cement = in_force.day(date(2022, 9, 1)).chosen({"two_high.type": "水泥熟料"})
    assert (cement.params["param.x.r"].value, cement.params["param.x.r"].layer) == (1.5, "base")
