"""The JSON API through FastAPI's test client: every endpoint, bad input, roles."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.clirun import run
from tests.paths import CASES
from tests.web.conftest import USERS

CEMENT = CASES / "01-cement-clinker-line.yaml"


def case(path: Any = CEMENT) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("expected", None)
    return json.loads(json.dumps(data, default=str))


def api_client(web_app: Any, role: str) -> TestClient:
    client = TestClient(web_app)
    name, password = USERS[role]
    response = client.post("/api/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    assert response.json()["role"] == role
    return client


def post(client: TestClient, path: str, body: Any) -> Any:
    return client.post(path, content=json.dumps(body, ensure_ascii=False).encode(),
                       headers={"content-type": "application/json"})


def test_screen_gives_the_decision_json_of_the_cli(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    response = post(client, "/api/screen", case())
    assert response.status_code == 200
    decision = response.json()
    store = web_app.state.desk.store
    code, out, _ = run("screen", str(CEMENT), "--format", "json", "--db",
                       str(store.target.path))
    assert code == 0
    assert decision == json.loads(out)[0]
    assert decision["outcome"] == "reject"
    cited = {f["clause"]["section"] for f in decision["findings"] if f["effect"] == "reject"}
    assert "二(一)3" in cited


def test_screen_as_of_another_date(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    dyeing = case(CASES / "125-dyeing-urban-expansion-2025.yaml")
    response = client.post("/api/screen?as_of=2024-03-01", json=dyeing)
    assert response.status_code == 200
    assert response.json()["as_of"] == "2024-03-01"
    assert response.json()["expired"]  # after the plan's period: the plan-only rules not applied
    bad = client.post("/api/screen?as_of=March", json=case())
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "as_of"


def test_bad_json_is_422_with_both_languages(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    response = client.post("/api/screen", content=b'{"id": "X", ',
                           headers={"content-type": "application/json"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["zh"] and detail[0]["en"] and "JSON" in detail[0]["en"]


def test_unknown_field_is_named_with_a_suggestion(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    body = case()
    body["coal"]["new_tec"] = body["coal"].pop("new_tce")
    response = post(client, "/api/screen", body)
    assert response.status_code == 422
    rows = response.json()["detail"]
    assert [r["field"] for r in rows] == ["coal.new_tec"]
    assert "new_tce" in rows[0]["en"] and rows[0]["zh"]


def test_wrong_types_are_refused_per_field(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    body = case()
    body["coal"]["new_tce"] = "a lot"
    body["zones"]["ecological_red_line"] = "perhaps"
    body["application_date"] = "yesterday"
    response = post(client, "/api/screen", body)
    assert response.status_code == 422
    fields = {r["field"] for r in response.json()["detail"]}
    assert {"coal.new_tce", "zones.ecological_red_line", "application_date"} <= fields
    assert all(r["zh"] and r["en"] for r in response.json()["detail"])


def test_not_an_object_and_not_json_content(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    assert post(client, "/api/screen", [1, 2]).status_code == 422
    response = client.post("/api/screen", content=b"id: X", headers={"content-type": "text/yaml"})
    assert response.status_code == 415
    assert response.json()["detail"][0]["zh"]


def test_unknown_industry_code_is_422_not_500(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    body = case()
    body["industry"]["code"] = "9899"
    response = post(client, "/api/screen", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "industry.code"


def test_interview_step_asks_and_answers(web_app: Any) -> None:
    client = api_client(web_app, "officer")
    response = post(client, "/api/interview", {})
    assert response.status_code == 200
    first = response.json()
    assert first["decision"] is None and not first["done"]
    assert "industry.code" in [q["field"] for q in first["questions"]]
    full = post(client, "/api/interview", case())
    assert full.status_code == 200
    assert full.json()["decision"]["outcome"] == "reject"
    bad = post(client, "/api/interview", {**case(), "coal": {"new_tce": -5}})
    assert bad.status_code == 422
    assert any(e["field"].startswith("coal.new_tce") for e in bad.json()["detail"])
    assert post(client, "/api/interview", ["x"]).status_code == 422
    timing = dict(part.strip().split(";dur=")
                  for part in full.headers["server-timing"].split(","))
    assert set(timing) == {"app", "cpu"}  # bench/web.py reads both
    assert float(timing["cpu"]) > 0 and float(timing["app"]) > 0


def test_rules_and_schema(web_app: Any) -> None:
    client = api_client(web_app, "policy")
    rules = client.get("/api/rules")
    assert rules.status_code == 200
    body = rules.json()
    assert body["rulebook"] == web_app.state.desk.rulebook.hash
    coal = next(r for r in body["rules"] if r["id"] == "two-high.coal-reduction")
    assert coal["clause"]["section"] == "二(一)3" and "五个减量" in coal["clause"]["quote"]
    schema = client.get("/api/schema")
    assert schema.status_code == 200
    assert "industry" in schema.json()["properties"]


def test_openapi_and_docs_list_every_endpoint(web_app: Any) -> None:
    client = TestClient(web_app)
    spec = client.get("/openapi.json").json()
    for path in ("/api/screen", "/api/interview", "/api/rules", "/api/schema", "/api/login"):
        assert path in spec["paths"]
    assert "Proposal" in spec["components"]["schemas"]
    page = client.get("/docs")
    assert page.status_code == 200 and "POST /api/screen" in page.text
    assert "cdn" not in page.text.lower()  # nothing fetched from elsewhere


@pytest.mark.parametrize("path,method", [("/api/screen", "post"), ("/api/interview", "post"),
                                         ("/api/rules", "get"), ("/api/schema", "get")])
def test_without_a_login_401(web_app: Any, path: str, method: str) -> None:
    client = TestClient(web_app)
    response = getattr(client, method)(path, **({"json": case()} if method == "post" else {}))
    assert response.status_code == 401
    assert response.json()["detail"][0]["zh"]


@pytest.mark.parametrize("role", ["auditor", "policy"])
def test_screening_is_for_officers(web_app: Any, role: str) -> None:
    client = api_client(web_app, role)
    for path in ("/api/screen", "/api/interview"):
        response = post(client, path, case())
        assert response.status_code == 403
        assert response.json()["detail"][0]["en"].startswith("The role")


def test_wrong_password_and_bad_login_body(web_app: Any) -> None:
    client = TestClient(web_app)
    assert client.post("/api/login", json={"name": "张三", "password": "nope"}
                       ).status_code == 401
    assert client.post("/api/login", json={"name": "张三"}).status_code == 422
    assert client.post("/api/login", json={"name": "nobody", "password": "x" * 9}
                       ).status_code == 401
