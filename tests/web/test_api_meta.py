"""Health, the OpenAPI schema and the offline page assets."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from overture.web.routes.meta import STATIC_DIR


def test_health_lists_features(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    features = body["features"]
    assert features["doctrine"] and features["verdict"] and features["af"]
    assert features["writes"] is False


#: Endpoints that answer with a file, and the media types they must declare.
FILES = {
    ("get", "/api/doctrines/{name}/source"): {"application/yaml"},
    ("post", "/api/export"): {"text/html", "application/json", "image/svg+xml", "text/plain",
                              "text/markdown", "text/vnd.graphviz"},
}


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    expected = {
        ("get", "/api/health"),
        ("get", "/api/doctrines"),
        ("get", "/api/doctrines/{name}"),
        ("get", "/api/doctrines/{name}/sources"),
        ("get", "/api/doctrines/{name}/quotes"),
        ("get", "/api/doctrines/{name}/rules"),
        ("get", "/api/doctrines/{name}/views"),
        ("get", "/api/doctrines/{name}/quotes/{quote_id}/context"),
        ("get", "/api/doctrines/{name}/hypotheses"),
        ("post", "/api/doctrines/upload"),
        ("post", "/api/evaluate"),
        ("post", "/api/explain"),
        ("post", "/api/why-not"),
        ("post", "/api/what-if"),
        ("post", "/api/counterfactual"),
        ("post", "/api/timeline"),
        ("post", "/api/views"),
        ("post", "/api/af/solve"),
        ("post", "/api/graph"),
        ("post", "/api/export"),
        ("post", "/api/doctrines/check"),
        ("post", "/api/doctrines/{name}/quote"),
        ("get", "/api/doctrines/{name}/source"),
    }
    found = {(m, p) for p, ops in paths.items() for m in ops}
    assert expected <= found
    tags = {t["name"] for t in schema["tags"]}
    for path, ops in paths.items():
        for method, op in ops.items():
            assert op.get("summary"), f"{method} {path} has no summary"
            assert set(op["tags"]) <= tags
            ok = op["responses"].get("200") or op["responses"].get("201")
            if (method, path) in FILES:  # downloads declare the file types they answer with
                assert ok and FILES[(method, path)] <= set(ok["content"]), f"{method} {path}"
                continue
            assert ok and "application/json" in ok["content"], f"{method} {path}"
            assert "$ref" in ok["content"]["application/json"]["schema"] or ok["content"][
                "application/json"
            ]["schema"], f"{method} {path} has no response model"
    evaluate = paths["/api/evaluate"]["post"]
    assert {"413", "422", "503"} <= set(evaluate["responses"])
    components = schema["components"]["schemas"]
    assert {"Evaluation", "ErrorBody", "EvaluateRequest", "DoctrineDetail"} <= set(components)
    upload = paths["/api/doctrines/upload"]["post"]
    assert upload.get("security"), "the upload must declare the bearer token"


def test_page_and_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(src).status_code == 200, src
    assert client.get("/reference").status_code == 200
    for js in ("api.js", "graph.js", "main.js", "timeline.js", "urlstate.js", "reference.js"):
        assert client.get(f"/static/js/{js}").status_code == 200


def test_static_assets_load_nothing_from_the_network() -> None:
    files = [p for p in Path(STATIC_DIR).rglob("*") if p.is_file()]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        # The only absolute URL allowed is the SVG namespace identifier.
        urls = set(re.findall(r"https?://[^\s\"')]+", text)) - {"http://www.w3.org/2000/svg"}
        assert not urls, f"{path.name} refers to {urls}"
        assert "@import" not in text and "@font-face" not in text


def test_unknown_route_is_a_json_404(client: TestClient) -> None:
    r = client.get("/api/nothing")
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"


def test_wrong_method_is_a_json_405(client: TestClient) -> None:
    r = client.get("/api/evaluate")
    assert r.status_code == 405
    assert r.json()["error"] == "method_not_allowed"


def test_swagger_docs_are_served_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert not re.search(r"https?://", page.text), "the docs page names an outside address"
    assets = re.findall(r'(?:src|href)="(/docs-assets/[^"]+)"', page.text)
    assert {a.rsplit("/", 1)[1] for a in assets} >= {"swagger-ui-bundle.js", "swagger-ui.css"}
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
