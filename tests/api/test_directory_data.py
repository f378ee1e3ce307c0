"""The shipped directory against its JSON Schema, and the directory commands of the CLI."""
import json
import subprocess
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
DIRECTORY = REPO / "Sources" / "RelaisCore" / "Resources" / "directory.json"
SCHEMA = REPO / "docs" / "directory.schema.json"


def test_shipped_directory_matches_its_schema():
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(DIRECTORY.read_text()), schema, cls=jsonschema.Draft202012Validator)


def test_directory_validate_and_show(relais_bin, tmp_path):
    ok = subprocess.run([str(relais_bin), "directory", "validate"], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "valid — 61 entries in 34 countries" in ok.stdout
    bad = tmp_path / "bad.json"
    data = json.loads(DIRECTORY.read_text())
    data["helplines"][0]["channels"][1]["value"] = "http://www.3018.fr"
    data["helplines"][1]["id"] = data["helplines"][0]["id"]
    bad.write_text(json.dumps(data))
    result = subprocess.run([str(relais_bin), "directory", "validate", str(bad)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "fr-3018" in result.stdout and "insecure_link" in result.stdout and "duplicate_id" in result.stdout
    shown = subprocess.run([str(relais_bin), "directory", "show", "FR", "--at", "2026-11-29T23:30:00+01:00"],
                           capture_output=True, text=True, timeout=60).stdout
    assert "fr-3018" in shown and "now: closed" in shown and "opens 2026-11-30T09:00:00+01:00" in shown
    entries = json.loads(subprocess.run([str(relais_bin), "directory", "show", "LI", "--json"],
                                        capture_output=True, text=True, timeout=60).stdout)
    assert [e["id"] for e in entries] == ["li-112"]
