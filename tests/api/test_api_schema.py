"""The committed schema is the generated one; the documentation pages load their files."""

import io
from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def test_the_committed_schema_equals_the_generated_one(db):
    out = io.StringIO()
    call_command("spectacular", stdout=out)
    assert out.getvalue() == SCHEMA.read_text(encoding="utf-8"), (
        "Regenerate: manage.py spectacular --file docs/api/openapi.yaml"
    )


def test_the_schema_is_served_and_in_vietnamese(client, db):
    r = client.get("/api/v1/schema/", {"format": "json"})
    assert r.status_code == 200
    schema = r.json()
    assert schema["paths"]["/api/v1/cases/"]["get"]["summary"] == "Tra cứu hồ sơ"
    assert "application/problem+json" in str(schema["paths"]["/api/v1/cases/{number}/"])


def test_the_documentation_pages_need_no_inline_script_and_no_cdn(client, db):
    for url in ("/api/v1/tai-lieu/", "/api/v1/swagger/"):
        page = client.get(url).content.decode()
        assert "https://" not in page, url
        assert "<script>" not in page.replace("<script src", ""), url
