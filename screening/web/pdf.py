"""The decision for the project file, as PDF (WeasyPrint; a CJK font from the system).

Holds what the file needs: project and applicant, date screened, rulebook hash,
decision number when recorded, the officer, the outcome, every finding with its
clause quoted verbatim (and its higher-level basis), the missing facts, and a
signature line. The fonts come from the machine (Debian's fonts-noto-cjk, which
.ci/run installs); nothing is fetched.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import Request

from screening.decision.model import OUTCOME_LABELS
from screening.rulebook.book import Rulebook
from screening.web.i18n import translate
from screening.web.view import decision_view


def decision_pdf(request: Request, rulebook: Rulebook, data: dict[str, Any], proposal: Any,
                 *, officer: str, number: int | None, lang: str = "zh",
                 final: str | None = None) -> bytes:
    from weasyprint import HTML

    view = decision_view(rulebook, data, proposal, None)
    templates = request.app.state.templates
    html = templates.get_template("pdf.html").render(
        view=view, proposal=proposal, officer=officer, number=number, lang=lang,
        t=lambda key: translate(key, lang), final=OUTCOME_LABELS.get(final or ""),
        printed=datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M"))
    static = request.app.state.static_dir
    return bytes(HTML(string=html, base_url=str(static)).write_pdf())
