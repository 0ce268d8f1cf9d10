"""Pages for policy staff: the rules in force, diff between two rulebooks, clause coverage.

Each page runs the same library function as its command (`rules list`, `diff`,
`coverage --no-scenarios`) and shows its report; the rules themselves are changed
in rules/ files, never here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from screening.errors import InputError, RulebookError
from screening.store.users import User
from screening.web import auth
from screening.web.render import lang_of, render

router = APIRouter(include_in_schema=False)
CASES = Path("cases")


@router.get("/rules", response_class=HTMLResponse)
def rules(request: Request, user: User = Depends(auth.requires("rules"))) -> Response:
    from screening.rulebook.listing import rule_rows

    request.state.user = user
    book = request.app.state.desk.rulebook
    return render(request, "rules.html", rows=rule_rows(book), rulebook=book)


@router.get("/diff", response_class=HTMLResponse)
def diff(request: Request, old: str = "", new: str = "",
         user: User = Depends(auth.requires("policy"))) -> Response:
    from screening.load import load_rulebook
    from screening.tools.whatif import compare, open_rules
    from screening.tools.whatif_report import to_text

    request.state.user = user
    report = None
    if old and new:
        with tempfile.TemporaryDirectory(prefix="screening-diff-") as tmp:
            books = []
            for spec in (old, new):
                try:
                    books.append(load_rulebook(open_rules(spec, Path(tmp)), ()))
                except RulebookError as exc:
                    raise InputError(exc.problems) from None
            # its own screeners: the desk's screenings go on meanwhile
            result = compare(books[0], books[1], [CASES], old, new, None)
        report = to_text(result, lang_of(request))
    return render(request, "report.html", title="diff", report=report, form=True,
                  old=old, new=new)


@router.get("/coverage", response_class=HTMLResponse)
def coverage(request: Request, user: User = Depends(auth.requires("policy"))) -> Response:
    from screening.rulebook.sections import load_inventory
    from screening.tools.coverage import measure
    from screening.tools.coverage_report import to_text

    request.state.user = user
    desk = request.app.state.desk
    inventory = load_inventory(desk.rulebook)
    result = measure(desk.rulebook, inventory, [CASES], None)  # with its own screener
    return render(request, "report.html", title="coverage", form=False,
                  report=to_text(result, lang_of(request)))
