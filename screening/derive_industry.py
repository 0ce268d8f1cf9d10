"""Derived facts for the industry-structure rules (plan section 二).

Two things the officer states in other words than the rules ask them:

- ``site.park``: the industrial park the site lies in, or ``园区外`` when the
  proposal says the site is outside any park; unknown otherwise. The hardware
  (入园发展) and equipment-manufacturing (向园区聚集) rules compare it with the
  park lists in ``rules/catalogues/``.
- ``enterprise.cement_elimination_listed``: whether the applicant is one of the
  cement enterprises the plan lists for elimination by end-2022 (兴华、金泰、金顺、
  鑫山水泥); a short name in the catalogue matches when it occurs in the
  applicant's registered name. Unknown when the applicant is not given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from screening.conditions import BOOL, TEXT, FieldSpec
from screening.facts import Proposal

OUTSIDE_PARKS = "园区外"
CEMENT_ELIMINATION_LIST = "cement_elimination_enterprises"

INDUSTRY_SPECS: dict[str, FieldSpec] = {
    "site.park": FieldSpec(TEXT, label_zh="所在园区（园区外写“园区外”）",
                           label_en="industrial park of the site (园区外 when outside any)"),
    "enterprise.cement_elimination_listed": FieldSpec(
        BOOL, label_zh="属于 2022 年底前按规定淘汰的水泥企业",
        label_en="applicant is a cement enterprise listed for elimination by end-2022"),
}


def industry_facts(proposal: Proposal,
                   lists: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The derived industry-structure facts that can be known; unknown ones are left out."""
    out: dict[str, Any] = {}
    park = proposal.location.industrial_park
    if park:
        out["site.park"] = park
    elif proposal.site is not None and proposal.site.in_industrial_park is False:
        out["site.park"] = OUTSIDE_PARKS
    if proposal.applicant:
        names = lists.get(CEMENT_ELIMINATION_LIST, ())
        out["enterprise.cement_elimination_listed"] = any(n in proposal.applicant for n in names)
    return out
