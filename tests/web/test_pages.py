"""The pages through FastAPI's test client: upload, decision, YAML, PDF, records, roles."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.clirun import run
from tests.paths import CASES, FIXTURES
from tests.web.conftest import csrf_of

CEMENT = CASES / "01-cement-clinker-line.yaml"
COMPLIANT = CASES / "07-hardware-powder-coating.yaml"
LEDGER_CASE = FIXTURES / "ledger" / "cement-ledger.yaml"


def upload(client: TestClient, token: str, path: Path) -> Any:
    with path.open("rb") as handle:
        return client.post("/screen", data={"csrf": token},
                           files={"file": (path.name, handle, "application/x-yaml")})


def hidden(page: str) -> str:
    found = re.search(r'name="proposal" value="([^"]*)"', page)
    assert found, "no proposal on the decision page"
    return html.unescape(found.group(1))


def record(client: TestClient, token: str, path: Path) -> int:
    page = upload(client, token, path).text
    response = client.post("/decision/record", data={"csrf": token, "proposal": hidden(page)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_a_page_without_login_goes_to_the_login(web_app: Any) -> None:
    client = TestClient(web_app)
    response = client.get("/records", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    page = client.get("/login").text
    assert "登录" in page and 'name="csrf"' in page


def test_wrong_password_stays_on_the_login(web_app: Any) -> None:
    client = TestClient(web_app)
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"csrf": token, "name": "张三", "password": "wrong"})
    assert response.status_code == 401 and "用户名或密码不正确" in response.text


def test_decision_page_quotes_the_clause_and_draws_the_reductions(client_as: Any) -> None:
    client, token = client_as("officer")
    response = upload(client, token, CEMENT)
    assert response.status_code == 200
    page = response.text
    assert "不予准入" in page and "二(一)3" in page
    assert "新建项目要按照规定实施减量替代" in page  # the quote, verbatim
    assert "<svg" in page and "五个减量" in page
    assert "鲁政办字〔2021〕57号" in page  # where the 1.2 ratio came from
    assert "申报材料：coal.new_tce" in page


def test_english_switch(client_as: Any) -> None:
    client, token = client_as("officer")
    client.get("/lang/en", follow_redirects=False)
    page = upload(client, token, CEMENT).text
    assert "Outcome" in page and "Findings" in page
    assert "新建项目要按照规定实施减量替代" in page  # the clause stays in the original


def test_bad_upload_names_the_field(client_as: Any) -> None:
    client, token = client_as("officer")
    text = CEMENT.read_text(encoding="utf-8").replace("new_tce: 52000", "new_tce: -1")
    response = client.post("/screen", data={"csrf": token, "text": text})
    assert response.status_code == 422
    assert "coal.new_tce" in response.text
    empty = client.post("/screen", data={"csrf": token, "text": ""})
    assert empty.status_code == 422


def test_forms_need_the_csrf_token(client_as: Any) -> None:
    client, _token = client_as("officer")
    with CEMENT.open("rb") as handle:
        response = client.post("/screen", data={"csrf": "forged"},
                               files={"file": ("x.yaml", handle)})
    assert response.status_code == 403
    assert "CSRF" in response.text


def test_yaml_download_screens_to_the_same_decision(client_as: Any, tmp_path: Path) -> None:
    client, token = client_as("officer")
    for path in (CEMENT, CASES / "22-printing-missing-data.yaml", COMPLIANT):
        page = upload(client, token, path).text
        response = client.post("/decision/yaml", data={"csrf": token, "proposal": hidden(page)})
        assert response.status_code == 200
        saved = tmp_path / path.name
        saved.write_text(response.text, encoding="utf-8")
        _, mine, _ = run("screen", str(saved), "--format", "json")
        _, theirs, _ = run("screen", str(path), "--format", "json")
        assert json.loads(mine) == json.loads(theirs)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_holds_the_quote_and_the_file_details(client_as: Any, tmp_path: Path) -> None:
    client, token = client_as("officer")
    page = upload(client, token, CEMENT).text
    response = client.post("/decision/pdf", data={"csrf": token, "proposal": hidden(page)})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(response.content)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                             capture_output=True, text=True).stdout)
    assert "新建项目要按照规定实施减量替代，不符合要求的高耗能、高排放项目要坚决拿下来" in text
    for part in ("HD-2022-017", "2022-09-01", "sha256:", "张三", "经办人签字", "不予准入"):
        assert part in text


def test_record_approve_with_ledger_claims_and_release(client_as: Any, web_app: Any) -> None:
    from screening.store.sources import load_source_file, register_source

    with web_app.state.desk.store.writing() as writer:
        source, _ = load_source_file(FIXTURES / "ledger" / "LS-2022-001.yaml")
        register_source(writer, source, "王五")
    client, token = client_as("officer")
    seq = record(client, token, LEDGER_CASE)
    page = client.get(f"/records/{seq}").text
    assert f"#{seq}" in page and "张三" in page and "LS-2022-001" in page
    response = client.post(f"/records/{seq}/approve", data={"csrf": token},
                           follow_redirects=False)
    assert response.status_code == 303
    with web_app.state.desk.store.reading() as conn:
        from screening.store.decisions import status
        current = status(conn, seq)
    assert current.approved and current.later[-1].actor == "张三"
    again = client.post(f"/records/{seq}/approve", data={"csrf": token})
    assert again.status_code == 409 and "already approved" in again.text
    released = client.post(f"/records/{seq}/release", data={"csrf": token, "reason": "项目撤回"},
                           follow_redirects=False)
    assert released.status_code == 303
    assert "项目撤回" in client.get(f"/records/{seq}").text


def test_override_and_replay_and_record_pdf(client_as: Any) -> None:
    client, token = client_as("officer")
    seq = record(client, token, CEMENT)
    response = client.post(f"/records/{seq}/override", data={
        "csrf": token, "outcome": "refer", "reason": "等量替代例外待审议"}, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(f"/records/{seq}").text
    assert "等量替代例外待审议" in page and "提交审议" in page
    replayed = client.post(f"/records/{seq}/replay", data={"csrf": token})
    assert replayed.status_code == 200 and "identical" in replayed.text
    pdf = client.get(f"/records/{seq}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/records/99999").status_code == 404


def test_auditor_reads_history_verifies_and_may_not_approve(client_as: Any) -> None:
    officer, token = client_as("officer")
    seq = record(officer, token, COMPLIANT)
    auditor, atoken = client_as("auditor")
    assert f"/records/{seq}" in auditor.get("/records").text
    verified = auditor.get("/verify")
    assert verified.status_code == 200 and "记录链完整" in verified.text
    for action, data in (("approve", {}), ("override", {"outcome": "approve", "reason": "x"}),
                         ("release", {"reason": "x"})):
        response = auditor.post(f"/records/{seq}/{action}", data={"csrf": atoken, **data})
        assert response.status_code == 403, action
    assert auditor.post("/decision/record", data={"csrf": atoken, "proposal": "{}"}
                        ).status_code == 403
    assert officer.get("/verify").status_code == 403


def test_policy_staff_read_rules_diff_and_coverage(client_as: Any, monkeypatch: Any) -> None:
    from tests.paths import ROOT

    monkeypatch.chdir(ROOT)
    client, _ = client_as("policy")
    assert "二(一)3" in client.get("/rules").text
    diff = client.get("/diff", params={"old": "rules", "new": "rules"})
    assert diff.status_code == 200 and "<pre" in diff.text
    coverage = client.get("/coverage")
    assert coverage.status_code == 200 and "二(一)3" in coverage.text
    assert client.get("/records").status_code == 403
    officer, _ = client_as("officer")
    assert officer.get("/diff").status_code == 403


def test_a_higher_level_basis_is_quoted_when_the_decision_has_one(rulebook: Any) -> None:
    from screening.web.view import decision_view

    data = {"proposal_id": "P", "name": "n", "outcome": "reject", "as_of": "2022-09-01",
            "rulebook": rulebook.hash, "findings": [{
                "rule": "r", "title": {"zh": "t", "en": "t"}, "effect": "reject",
                "status": "fired", "values": {}, "message": {"zh": "m", "en": "m"},
                "clause": {"document": "临东环委发〔2022〕1号", "section": "二(一)3", "quote": "q"},
                "basis": [{"document": "鲁政办字〔2021〕57号", "article": "二", "quote": "上位原文",
                           "confidence": "read"}]}], "missing": [], "warnings": []}
    view = decision_view(rulebook, data, None, None)
    assert view.fired[0].basis == [{"document": "鲁政办字〔2021〕57号", "section": "二",
                                    "quote": "上位原文", "confidence": "read"}]


def test_after_the_plan_the_page_lists_the_clauses_not_applied(client_as: Any) -> None:
    """Screened after 2023-12-31, the plan-only rules that would concern the project are
    named on the page (本方案期满), so the officer knows what was not checked."""
    client, token = client_as("officer")
    dyeing = CASES / "125-dyeing-urban-expansion-2025.yaml"
    page = upload(client, token, dyeing).text  # its own date: 2025
    assert 'id="expired"' in page and "本方案期满，以下条款不再适用" in page
    assert "城市建成区内新建、扩建或迁入重污染企业" in page and "2023-12-31" in page
    with dyeing.open("rb") as handle:
        inside = client.post("/screen", data={"csrf": token, "as_of": "2023-06-01"},
                             files={"file": (dyeing.name, handle, "application/x-yaml")}).text
    assert 'id="expired"' not in inside and "提交审议" in inside


def test_an_officer_registers_a_source_from_the_ledger_page(client_as: Any,
                                                            web_app: Any) -> None:
    """The page does what `screening sources add` does: all or nothing, the officer as
    the actor; a broken file or a source the rules refuse changes nothing."""
    client, token = client_as("officer")
    assert 'id="register-source"' in client.get("/sources").text
    # the ledger fixture under an id of its own (the module's database is shared)
    text = (FIXTURES / "ledger" / "LS-2022-001.yaml").read_text(encoding="utf-8").replace(
        "id: LS-2022-001", "id: LS-2022-077")
    response = client.post("/sources", data={"csrf": token}, follow_redirects=False,
                           files={"file": ("LS-2022-077.yaml", text.encode(), "text/yaml")})
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    assert "已登记来源" in page and "LS-2022-077" in page and "关停 2 条 2500t/d 熟料线" in page
    from sqlalchemy import select

    from screening.store.decisions import SOURCE
    from screening.store.schema import records
    with web_app.state.desk.store.reading() as conn:
        actors = conn.execute(select(records.c.actor).where(records.c.kind == SOURCE)).all()
    assert "张三" in [actor for (actor,) in actors]
    # the same id again, a wrong field, a form without its token: refused, nothing changed
    again = client.post("/sources", data={"csrf": token},
                        files={"file": ("again.yaml", text.encode(), "application/x-yaml")})
    assert again.status_code == 422 and "already registered" in again.text
    broken = text.replace("id: LS-2022-077", "id: LS-2022-078").replace("kind: 关停淘汰",
                                                                         "kind: 关掉")
    bad = client.post("/sources", data={"csrf": token},
                      files={"file": ("bad.yaml", broken.encode(), "application/x-yaml")})
    assert bad.status_code == 422 and "kind" in bad.text and "台账未作任何更改" in bad.text
    forged = client.post("/sources", data={"csrf": "forged"},
                         files={"file": ("x.yaml", broken.encode(), "application/x-yaml")})
    assert forged.status_code == 403
    with web_app.state.desk.store.reading() as conn:
        from screening.store.sources import list_sources
        ids = [row["id"] for row in list_sources(conn)]
    assert "LS-2022-077" in ids and "LS-2022-078" not in ids


def test_an_auditor_may_read_the_ledger_but_not_register(client_as: Any) -> None:
    auditor, token = client_as("auditor")
    page = auditor.get("/sources")
    assert page.status_code == 200 and 'id="register-source"' not in page.text
    source = FIXTURES / "ledger" / "LS-2022-001.yaml"
    response = auditor.post("/sources", data={"csrf": token},
                            files={"file": (source.name, source.read_bytes(), "text/yaml")})
    assert response.status_code == 403
