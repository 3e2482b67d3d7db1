"""Browsers report what the Content-Security-Policy refused; the report is logged without
the page's query string, and anything that is not a small report is refused unchanged."""

import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/csp-bao-cao/"


def test_the_policy_names_the_report_address(client):
    policy = client.get("/dang-nhap/")["Content-Security-Policy"]
    assert "report-uri /csp-bao-cao/" in policy


def test_a_report_is_logged_without_the_pages_query(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://raovat.example.vn/tra-cuu/?ten=nguyen+van+a&so=0912345678",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js",
            "source-file": "https://raovat.example.vn/tra-cuu/",
            "line-number": 12,
        }
    }
    with caplog.at_level("WARNING", logger="raovat.csp"):
        r = client.post(URL, json.dumps(report), content_type="application/csp-report")
    assert r.status_code == 204
    [line] = [rec.getMessage() for rec in caplog.records if rec.name == "raovat.csp"]
    assert "script-src-elem" in line and "https://evil.example/x.js" in line
    assert "https://raovat.example.vn/tra-cuu/" in line
    assert "nguyen" not in line and "0912345678" not in line


def test_the_reporting_api_format_is_read_too(client, caplog):
    reports = [
        {
            "type": "csp-violation",
            "body": {
                "documentURL": "https://raovat.example.vn/",
                "effectiveDirective": "img-src",
                "blockedURL": "https://tiles.example/1/2/3.png",
                "lineNumber": 1,
            },
        },
        {"type": "deprecation", "body": {}},
    ]
    with caplog.at_level("WARNING", logger="raovat.csp"):
        r = client.post(URL, json.dumps(reports), content_type="application/reports+json")
    assert r.status_code == 204
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "raovat.csp"]
    assert len(lines) == 1 and "img-src" in lines[0]


@pytest.mark.parametrize(
    "body,kind",
    [
        ("not json", "application/csp-report"),
        ("{}", "application/csp-report"),
        ('{"csp-report": 5}', "application/json"),
        ("\xff", "application/csp-report"),
        ('{"csp-report": {}}', "text/plain"),
        ('{"csp-report": {"x": "' + "a" * 20000 + '"}}', "application/csp-report"),
    ],
)
def test_what_is_not_a_small_report_is_refused(client, caplog, body, kind):
    with caplog.at_level("WARNING", logger="raovat.csp"):
        r = client.post(URL, body, content_type=kind)
    assert r.status_code == 400
    assert not [rec for rec in caplog.records if rec.name == "raovat.csp"]


def test_only_post(client):
    assert client.get(URL).status_code == 405
