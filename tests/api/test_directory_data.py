"""The shipped directory against its JSON Schema, and the directory commands of the CLI:
validate (one failing fixture per rule, each named), show (per-channel hours, holidays) and stats."""
import copy
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
DIRECTORY = REPO / "Sources" / "RelaisCore" / "Resources" / "directory.json"
SCHEMA = REPO / "docs" / "directory.schema.json"


def run(relais_bin, *args):
    return subprocess.run([str(relais_bin), *args], capture_output=True, text=True, timeout=60)


def test_shipped_directory_matches_its_schema():
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(DIRECTORY.read_text()), schema, cls=jsonschema.Draft202012Validator)


def test_the_shipped_directory_validates(relais_bin):
    data = json.loads(DIRECTORY.read_text())
    ok = run(relais_bin, "directory", "validate")
    countries = len({h["country"] for h in data["helplines"]})
    assert ok.returncode == 0, ok.stdout
    assert f"valid — {len(data['helplines'])} entries in {countries} countries" in ok.stdout


def entry(data, entry_id):
    return next(h for h in data["helplines"] if h["id"] == entry_id)


def break_link(d):
    entry(d, "fr-3018")["channels"][1]["value"] = "http://www.3018.fr"


def duplicate(d):
    entry(d, "fr-119")["id"] = "fr-3018"


def unbacked(d):
    for s in entry(d, "fr-3018")["sources"]:
        s["backs"] = [b for b in s["backs"] if b != "free"]


def undated(d):
    entry(d, "fr-3018")["sources"][0].pop("checked")


def stale(d):
    entry(d, "fr-3018")["sources"][0]["checked"] = "2022-01-10"


def implausible(d):
    entry(d, "fr-3018")["channels"][0]["value"] = "30 18 NET"


def bad_hours(d):
    entry(d, "fr-3018")["channels"][0]["hours"] = {"timeZone": "Europe/Paris", "weekly": [], "publicHolidays": "open"}


def format_one(d):
    d.pop("format")


@pytest.mark.parametrize("breaker, rule", [
    (break_link, "insecure_link"), (duplicate, "duplicate_id"), (unbacked, "unbacked_fact"),
    (undated, "undated_source"), (stale, "stale_source"), (implausible, "implausible_number"),
    (bad_hours, "bad_hours"), (format_one, "unsupported_format"),
])
def test_each_rule_fails_with_its_name(relais_bin, tmp_path, breaker, rule):
    data = copy.deepcopy(json.loads(DIRECTORY.read_text()))
    breaker(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = run(relais_bin, "directory", "validate", str(bad))
    assert result.returncode == 1, result.stdout
    assert f"[{rule}]" in result.stdout
    if rule != "unsupported_format":
        assert "fr-3018" in result.stdout
    else:
        assert "format 2" in result.stdout and "scripts/directory-import" in result.stdout


def test_source_age_limit_is_configurable(relais_bin):
    strict = run(relais_bin, "directory", "validate", "--max-source-age", "0", "--today", "2027-06-01T00:00:00Z")
    assert strict.returncode == 1 and "[stale_source]" in strict.stdout


def test_show_prints_each_channels_hours_and_the_holidays(relais_bin):
    shown = run(relais_bin, "directory", "show", "FR", "--at", "2026-11-29T23:30:00+01:00").stdout
    assert "public holidays:" in shown
    assert "fr-3018" in shown and "opens 2026-11-30T09:00:00+01:00" in shown
    assert "phone: 3018 — mon,tue,wed,thu,fri,sat,sun 09:00–23:00 Europe/Paris; public holidays open" in shown
    christmas = run(relais_bin, "directory", "show", "FR", "--at", "2026-12-25T12:00:00+01:00").stdout
    assert "Christmas" in christmas or "Noël" in christmas
    entries = json.loads(run(relais_bin, "directory", "show", "LI", "--json").stdout)
    assert any(e["id"] == "li-112" for e in entries)
    assert all(all("hours" in c for c in e["channels"]) for e in entries)


def test_stats(relais_bin):
    out = run(relais_bin, "directory", "stats").stdout
    data = json.loads(DIRECTORY.read_text())
    assert f"entries: {len(data['helplines'])}" in out
    assert "backed by a source checked within 12 months" in out
    assert "adult_support:" in out and "whatsapp:" in out
