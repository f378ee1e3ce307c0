"""`relais dsa help-figures`: help cards shown and used, per country, category and helpline,
from the support-event counts, on a seeded set of events with hand-counted figures."""
import csv
import datetime
import io
import subprocess

import requests

from relais_testing import RelaisServer


def test_help_figures_count_what_was_shown_and_used_in_the_period(relais_bin, tmp_path):
    server = RelaisServer(relais_bin, tmp_path)
    try:
        auth = {"Authorization": f"Bearer {server.key}"}
        body = {"surface": "web", "category": "harassment", "goodFaith": True,
                "reporter": {"id": "r-1", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
                "subject": {"kind": "comment", "id": "c-1", "authorId": "a-1", "text": "you are worthless"}}
        harassment = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10).json()["id"]
        body["category"], body["subject"]["id"] = "self_harm", "c-2"
        self_harm = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10).json()["id"]
        events = ([(harassment, "fr-3018", "shown")] * 3 + [(harassment, "fr-3018", "call"), (harassment, "fr-3018", "link")]
                  + [(self_harm, "fr-3114", "shown"), (self_harm, "fr-3114", "chat"), (self_harm, "fr-3114", "dismissed")]
                  + [(None, "fr-3018", "shown")])
        for report_id, helpline, event in events:
            sent = {"helplineId": helpline, "event": event, "surface": "web", "country": "FR"}
            if report_id:
                sent["reportId"] = report_id
            assert requests.post(server.url + "/v1/support/events", json=sent, headers=auth, timeout=10).status_code == 204
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        out = tmp_path / "help.csv"
        run = subprocess.run([str(relais_bin), "dsa", "help-figures", "--tenant", "demo", "--from", today, "--to", today, "--out", str(out),
                              "--service-name", "Demo, the app", "--database", server.database], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        assert "5 help cards shown, 1 calls, 1 chats, 1 links opened" in run.stdout
        period = f"{today}/{today}"
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
        assert rows == [
            ["Reporting period", "Service", "Country", "Category", "Helpline", "Help cards shown", "Calls", "Chats", "Links opened", "Dismissed"],
            [period, "Demo, the app", "TOTAL", "", "", "5", "1", "1", "1", "1"],
            [period, "Demo, the app", "FR", "harassment", "fr-3018", "3", "1", "0", "1", "0"],
            [period, "Demo, the app", "FR", "none", "fr-3018", "1", "0", "0", "0", "0"],
            [period, "Demo, the app", "FR", "self_harm", "fr-3114", "1", "0", "1", "0", "1"],
        ]
        assert out.read_bytes().count(b"\r\n") == 5, "RFC 4180 line ends"
        before = subprocess.run([str(relais_bin), "dsa", "help-figures", "--tenant", "demo", "--from", "2020-01-01", "--to", "2020-12-31",
                                 "--out", str(out), "--database", server.database], capture_output=True, text=True, timeout=60)
        assert before.returncode == 0 and "0 rows; 0 help cards shown" in before.stdout
    finally:
        server.stop()
