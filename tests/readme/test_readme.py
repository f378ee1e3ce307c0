"""The README's front door, tried as a new user would: every shell block of its quick start and
API sections, in order, in a fresh folder, with the built binary (RELAIS_BIN) standing in for
`swift run relais`; then the one-line commands its moderation section gives. A command that
fails, or an answer that no longer matches what the README quotes (its key fields: ids and
times vary), fails this test.

Two deviations from the README, both needed to run unattended: the server listens on a free
port (`--port 0`, read back from the banner, instead of 8080), and its clock is pinned to the
instant of the README's example receipt, so that the quoted card (the 3018 open, its hours
today) is the one expected whatever the hour of the test."""
import json
import os
import re
import select
import shlex
import subprocess
import tempfile
import time
from pathlib import Path

from relais_testing import REPO, answer_prompts, relais_binary

README = (REPO / "README.md").read_text()


def section(title):
    """The text of a `## title` section, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"the README has no '## {title}' section"
    return match.group(1)


def fenced(text, languages):
    """The fenced blocks of `text` whose language is one of `languages` ('' for none), in order."""
    return [body for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M) if lang in languages]


QUICK_START = section("Quick start")
API = section("The API in one example")
SHELL = ("bash", "sh", "shell")


def command(text, binary):
    return text.replace("swift run relais", shlex.quote(str(binary)))


def read_banner(process, deadline=60):
    """The serve banner up to its last line (the demo hint), or what it printed before dying."""
    text, fd, end = "", process.stdout.fileno(), time.time() + deadline
    while time.time() < end and "Demo: open" not in text:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            text += chunk.decode("utf-8", "replace")
        elif process.poll() is not None:
            break
    return text


def quoted_lines_as_patterns(block, port):
    """Each line the README quotes, as a pattern: its port is the test's, its key any key."""
    patterns = []
    for line in block.strip().splitlines():
        pattern = re.escape(line.strip())
        pattern = pattern.replace(re.escape("rls_3f1c…"), "rls_[0-9a-f]{64}").replace("8080", str(port))
        patterns.append(pattern)
    return patterns


def contains(actual, expected, path="$"):
    """Every field the README quotes is in the answer with the same value; ids and times aside."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        for key, value in expected.items():
            if key in ("id", "caseId", "receivedAt") and path == "$":
                assert key in actual, f"{path}.{key} is missing"
                continue
            assert key in actual, f"{path}.{key} is quoted in the README but missing from the answer"
            contains(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            f"{path}: the README quotes {len(expected)} items, the answer has {actual!r}")
        for index, (a, e) in enumerate(zip(actual, expected)):
            contains(a, e, f"{path}[{index}]")
    else:
        assert actual == expected, f"{path}: the README says {expected!r}, the answer {actual!r}"


def test_the_quick_start_and_the_api_example_work_as_written():
    binary = relais_binary()
    blocks = fenced(QUICK_START, SHELL) + fenced(API, SHELL)
    assert blocks and blocks[0].strip() == "swift run relais serve", "the quick start starts the server first"
    with tempfile.TemporaryDirectory(prefix="relais-readme-") as folder:
        env = {**os.environ, "RELAIS_ALLOW_TEST_CLOCK": "1", "PASSWORD": "a long console password"}
        env.pop("RELAIS_DATABASE_URL", None)
        serve = subprocess.Popen(
            shlex.split(command(blocks[0].strip(), binary)) + ["--port", "0", "--test-clock", "2026-11-29T14:02:11Z"],
            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            banner = read_banner(serve)
            port = re.search(r"open http://127\.0\.0\.1:(\d+)/", banner)
            assert port, f"no banner from `relais serve`: {banner!r}"
            port = int(port.group(1))
            # What the quick start says the first start prints, line by line.
            for pattern in quoted_lines_as_patterns(fenced(QUICK_START, ("",))[0], port):
                assert re.search(pattern, banner), f"the banner no longer says what the README quotes: {pattern!r}\n{banner}"
            key = re.search(r"\b(rls_[0-9a-f]{64})\b", banner).group(1)
            assert (Path(folder) / "relais-data" / "relais.sqlite").exists(), "the data folder the README names"

            # The API example, with the demo key and the test's port.
            quoted_json = [json.loads(b) for b in fenced(API, ("json",))]
            for block in blocks[1:]:
                script = command(block, binary).replace("KEY=rls_…", f"KEY={key}").replace("127.0.0.1:8080", f"127.0.0.1:{port}")
                result = subprocess.run(["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
                assert result.returncode == 0, f"a README command failed ({result.returncode}):\n{block}\n{result.stderr}"
                answer = json.loads(result.stdout)
                contains(answer, quoted_json.pop(0))

            # The moderation section's one-line commands, in order (a password asked on a terminal).
            moderation = API[API.index("### Moderation"):]
            moderation = moderation[:moderation.index("\n### ", 1)]
            lines = [c for c in re.findall(r"`([^`]*swift run relais [^`]*)`", moderation)]
            assert any("users create" in c for c in lines) and any("users password" in c for c in lines)
            for line in lines:
                cmd = command(line, binary)
                if "|" in line:
                    result = subprocess.run(["bash", "-c", cmd], cwd=folder, env=env, capture_output=True, text=True, timeout=120)
                    status, output = result.returncode, result.stdout + result.stderr
                else:
                    status, output = answer_prompts(cmd, folder, env, env["PASSWORD"])
                    assert env["PASSWORD"] not in output, "the password is not echoed"
                assert status == 0, f"a README command failed ({status}): {line}\n{output}"
        finally:
            serve.terminate()
            serve.wait(timeout=15)


def test_the_languages_command_shows_a_page_in_each_language():
    """README › Languages: `scripts/show-languages` prints the demo feed and the sheet in each."""
    block = fenced(section("Languages"), SHELL)[0].strip()
    assert block == "scripts/show-languages"
    result = subprocess.run([str(REPO / block)], cwd=REPO, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, RELAIS_BIN=str(relais_binary())))
    assert result.returncode == 0, result.stderr + result.stdout
    for language, heading in (("en", "What’s wrong?"), ("fr", "Quel est le problème ?"), ("de", "Was ist los?"),
                              ("es", "¿Qué pasa?"), ("it", "Qual è il problema?"), ("nl", "Wat is er aan de hand?")):
        assert re.search(rf"^{language}  sheet  <html lang={language}>  {re.escape(heading)}", result.stdout, re.M), result.stdout
