"""The last step of scripts/test: scans every server log the run kept (RELAIS_TEST_LOG_DIR, see
relais_testing.keep_log) for what must never be logged: the suites' seeded personal data
(every string that starts with SEEDED-: reporter ids, report content, details, subject ids),
tenant keys, moderator tokens, webhook secrets, metrics tokens, and IP addresses in full.
Exits 1 and prints each finding (file, line number, what) when there is one.

tests/cli/test_seeded_personal_data.py makes sure there is something to find if logging
regressed: it sends seeded data through every kind of request at the most verbose log level."""
import re
import sys
from pathlib import Path

FORBIDDEN = {
    "seeded personal data": re.compile(r"SEEDED-[A-Za-z0-9-]*"),
    "tenant API key": re.compile(r"rls_[0-9a-f]{64}"),
    "moderator token": re.compile(r"rlm_[0-9a-f]{64}"),
    "trusted flagger token": re.compile(r"rlf_[0-9a-f]{64}"),
    # A sealed appeal link in a log would let anyone who reads the log contest in a person's name.
    "appeal link token": re.compile(r"appeal\?token=[A-Za-z0-9_-]{40,}"),
    "webhook secret": re.compile(r"whsec_[A-Za-z0-9+/=]{16,}"),
    "metrics token": re.compile(r"metrics-token-for-[A-Za-z0-9-]+"),
    "IPv4 address": re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"),
    # Eight groups, or a compressed form with "::" (times such as 02:35:36 are neither).
    "IPv6 address": re.compile(r"(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:)*[0-9A-Fa-f]{0,4}::(?:[0-9A-Fa-f]{1,4}:)*[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:])"),
}
# Lines allowed to hold an address: the server's own (where it listens), not a caller's.
OWN_ADDRESS = re.compile(r"Server started and listening on ")
# The expected number of kept logs at least: fewer means the logs were not collected, and a
# scan of nothing would pass for the wrong reason.
MINIMUM_LOGS = 20


def scan(folder: Path):
    findings, files = [], sorted(folder.glob("*.log"))
    for path in files:
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            for what, match in findings_in(line):
                findings.append(f"{path.name}:{number}: {what} ({match[:12]}…)")
    return files, findings


def findings_in(text: str):
    """What the scan would report in one log's text: (what, match) pairs."""
    found = []
    for line in text.splitlines():
        for what, pattern in FORBIDDEN.items():
            if what.startswith("IP") and OWN_ADDRESS.search(line):
                continue
            if match := pattern.search(line):
                found.append((what, match.group(0)))
    return found


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "")
    if not folder.is_dir():
        sys.exit(f"scan_logs: no log folder {folder!s}")
    files, findings = scan(folder)
    for finding in findings:
        print(finding)
    if findings:
        sys.exit(f"scan_logs: {len(findings)} forbidden strings in {len(files)} server logs ({folder})")
    if len(files) < MINIMUM_LOGS:
        sys.exit(f"scan_logs: only {len(files)} server logs in {folder}, expected {MINIMUM_LOGS} or more: were they kept?")
    print(f"scan_logs: {len(files)} server logs, {sum(1 for f in files for _ in f.open(errors='replace'))} lines: no personal data, token or address")


if __name__ == "__main__":
    main()
