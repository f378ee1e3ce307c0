"""`relais dsa report --check DIR` against the Commission's templates as Relais ships them
(Sources/RelaisCore/Resources/dsa-templates, the Annex I English CSV parts 1–11)."""
import csv
import hashlib
import io
import shutil
import subprocess
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "Sources" / "RelaisCore" / "Resources" / "dsa-templates"
# The Commission's files as published (copies dated April 2025, shared/reference/dsa-templates).
SHA256 = {
    "Part_1_summary": "355166db774836d59ac3d91994680bcd9821e2c0e1557322b5f3e8f4007a82cd",
    "Part_2_categories_names": "ce1f80280d31da5e7cf4b85bc8da788760991e30696658bab18995c8829efb7b",
    "Part_3_member_states_orders": "1c4f6d84ac0cea4b306eb05451bc7477bb94ac0e68b672152628b5ae3524245b",
    "Part_4_notices": "c9d8986a04c01a6ae4b84583f3479323eceb884489608474c7d0976fb20eb9e6",
    "Part_5_own_initiative_illegal": "8dc7082e0bfefcbde67323d500a00c65029a85e4a2094e50cba72d4c29767df2",
    "Part_6_own_initiative_TC": "423dc6c8bc62109b6efeb94f188066b30cac94227ed8a33beeeac3c25e7c3011",
    "Part_7_appeals_and_recidivism": "c355cf9369a115fa51f9c9626cc7917bc24b48db7d6dc6cff3028c81de388aad",
    "Part_8_automated_means": "1a687f468468b25b214f505c4a6cb906d6ee8cc80d20f5a60eca383cc1bea71d",
    "Part_9_human_resources": "2393d48b65e94d86f769d5cb8e1017ad2516ca0883f7f10b0eabad1bf143cb84",
    "Part_10_AMAR": "cea923187f8eea0ad82c8f562ce3cfcdbd371e64908cb4c6acbfeaf2baf04a75",
    "Part_11_qualitative": "d09603b7b1ec2874595501cd41ace0a02c6ce04a1ba8cbe47fce38849f53020a",
}


def template(part):
    return TEMPLATES / f"4_EN_Annex_I__Templates_for_Transparency_Reports_CSV_{part}.csv"


def test_the_shipped_templates_are_the_commissions_files_byte_for_byte():
    assert sorted(p.name for p in TEMPLATES.glob("*.csv")) == sorted(template(part).name for part in SHA256)
    for part, digest in SHA256.items():
        assert hashlib.sha256(template(part).read_bytes()).hexdigest() == digest, part


def fill(part, service="Example platform"):
    """The template with the service named and the period written; figures left blank."""
    rows = list(csv.reader(io.StringIO(template(part).read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows[1:]:
        writer.writerow([
            "2026-01-01/2026-12-31" if cell == "YYYY-MM-DD/YYYY-MM-DD" else service if header[i] == "Service" else cell
            for i, cell in enumerate(row)])
    return out.getvalue()


def check(relais_bin, folder):
    return subprocess.run([str(relais_bin), "dsa", "report", "--check", str(folder)], capture_output=True, text=True, timeout=60)


def test_check_passes_filled_parts_and_names_each_problem(relais_bin, tmp_path):
    for part in ("Part_4_notices", "Part_7_appeals_and_recidivism"):
        (tmp_path / f"report_{part}.csv").write_text(fill(part), encoding="utf-8")
    passed = check(relais_bin, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "part 4 matches the template" in passed.stdout and "part 7 matches the template" in passed.stdout
    assert "Not in the folder: parts 1, 2, 3, 5, 6, 8, 9, 10, 11." in passed.stdout

    # The unfilled template itself: no service, no period.
    shutil.copy(template("Part_8_automated_means"), tmp_path)
    # A header with its official trailing space dropped, and a count that is not one.
    notices = fill("Part_4_notices").replace("Number of notices received ,", "Number of notices received,", 1)
    (tmp_path / "report_Part_4_notices.csv").write_text(notices, encoding="utf-8")
    appeals = fill("Part_7_appeals_and_recidivism").replace(",Total number,,", ",Total number,12.5,", 1)
    (tmp_path / "report_Part_7_appeals_and_recidivism.csv").write_text(appeals, encoding="utf-8")
    failed = check(relais_bin, tmp_path)
    assert failed.returncode == 1
    assert 'header column 6: expected "Number of notices received ", found "Number of notices received"' in failed.stdout
    assert "must be a count (an integer ≥ 0) or blank, found \"12.5\"" in failed.stdout
    assert "Service is empty" in failed.stdout and "Reporting period must be YYYY-MM-DD/YYYY-MM-DD" in failed.stdout
