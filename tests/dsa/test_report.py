"""`relais dsa report --tenant --from --to --out`: the Commission's CSV parts written from a
database seeded by scripts/seed-dsa-notices, whose figures this test computes on its own from
the seeding rule; headers and row labels compared byte for byte with the template files."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "Sources" / "RelaisCore" / "Resources" / "dsa-templates"
SEED = ROOT / "scripts" / "seed-dsa-notices"
PREFIX = "4_EN_Annex_I__Templates_for_Transparency_Reports_CSV_"
WRITTEN = ["Part_1_summary", "Part_2_categories_names", "Part_3_member_states_orders", "Part_4_notices",
           "Part_5_own_initiative_illegal", "Part_6_own_initiative_TC", "Part_7_appeals_and_recidivism",
           "Part_8_automated_means", "Part_11_qualitative"]
# The columns that hold the template's labels (never a figure nor a text of the report).
LABELS = {"Applicability", "Section", "Indicator", "Scope", "Category of illegal content",
          "Category of incompatibility with the provider's terms and conditions", "Category label", "Category description",
          "Category of illegal content / incompatible with the terms and conditions"}


def seeding():
    """The seeding script's own rule, read from it (one rule), as a module."""
    namespace = {"__name__": "seed"}
    exec(compile(SEED.read_text(), str(SEED), "exec"), namespace)
    return namespace


def median(values):
    """The report's median: the middle hundredths of an hour (mean of two), rounded half up."""
    values = sorted(values)
    if not values:
        return ""
    low, high = values[(len(values) - 1) // 2], values[len(values) // 2]
    return f"{int((low + high) / 2 + 0.5) / 100:.2f}"


def expected_figures(notices):
    """Part 4's TOTAL and CYBER_VIOLENCE figures, part 8's notice rows, computed from the rule."""
    seed = seeding()
    cases, start, span, categories = notices // 2, seed["START"], seed["SPAN"], seed["CATEGORIES"]
    cyber = {"harassment", "intimate_images", "sextortion"}
    total = {"n": 0, "tf": 0, "hours": [], "tf_hours": [], "law": 0, "terms": 0, "auto": 0}
    violence = {"n": 0, "hours": []}
    for j in range(notices):
        i = j // 2
        received = start + (i * span) // cases + (j % 2) * 60
        tf, category = j % 10 == 3, categories[j % 12]
        total["n"] += 1
        total["tf"] += tf
        violence["n"] += category in cyber
        if i % 20 == 19:
            continue
        decided = start + (i * span) // cases + (i % 97) * 300 + 600
        kind = "terms" if i % 10 <= 5 else "law" if i % 10 <= 7 else "none" if i % 10 == 8 else "auto"
        total["auto"] += kind == "auto"
        if kind == "none":
            continue
        centi = int((decided - received) / 36 + 0.5)
        total["hours"].append(centi)
        if tf:
            total["tf_hours"].append(centi)
        if category in cyber:
            violence["hours"].append(centi)
        total["law" if kind == "law" else "terms"] += 1
    return total, violence


def read(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_the_report_is_the_templates_filled_with_the_stored_figures(relais_bin, tmp_path):
    database = f"sqlite:{tmp_path / 'relais.sqlite'}"
    assert subprocess.run([str(relais_bin), "migrate", "--database", database], capture_output=True, timeout=60).returncode == 0
    notices = 1000
    subprocess.run([sys.executable, str(SEED), "--database", database, "--notices", str(notices)], check=True, timeout=120)
    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"tenants": {"bench": {"dsa": {"report": {
        "providerName": "Bench SAS", "previousReportDate": "2026-02-27", "noneOutsideRelais": ["orders"],
        "qualitative": {"automatedMeans": "A keyword filter flags, a person decides, except for spam."}}}}}}))
    out = tmp_path / "report"
    run = subprocess.run([str(relais_bin), "dsa", "report", "--tenant", "bench", "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(out),
                          "--service-name", "Bench, the app", "--config", str(config), "--published", "2027-02-15", "--database", database],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "counting notices (1/4)" in run.stderr and "counting help shown and used (4/4)" in run.stderr
    for part in WRITTEN:
        assert f"Wrote {out / (part + '.csv')}" in run.stdout
    assert f"Wrote {out / 'relais_help_figures.csv'}" in run.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted([p + ".csv" for p in WRITTEN] + ["relais_help_figures.csv"])

    # Headers byte for byte, and every template row's labels in the template's order.
    for part in WRITTEN:
        official = (TEMPLATES / f"{PREFIX}{part}.csv").read_bytes()
        written = (out / f"{part}.csv").read_bytes()
        assert written.split(b"\r\n", 1)[0] == official.split(b"\n", 1)[0].rstrip(b"\r"), part
        header = read(TEMPLATES / f"{PREFIX}{part}.csv")[0]
        columns = [k for k, name in enumerate(header) if name in LABELS]
        official_labels = [[row[k] for k in columns] for row in read(TEMPLATES / f"{PREFIX}{part}.csv")[1:]]
        written_labels = [[row[k] for k in columns] for row in read(out / f"{part}.csv")[1:]]
        # An "Other" row may repeat, once per description (Annex II); otherwise the rows are the template's.
        collapsed = [r for n, r in enumerate(written_labels) if not (n and r == written_labels[n - 1] and "KEYWORD_OTHER" in r)]
        assert collapsed == official_labels, part
    assert (out / "Part_2_categories_names.csv").read_bytes().replace(b"\r\n", b"\n") == (TEMPLATES / f"{PREFIX}Part_2_categories_names.csv").read_bytes()

    # The figures, computed here from the seeding rule.
    total, violence = expected_figures(notices)
    part4 = read(out / "Part_4_notices.csv")
    row = {r[3]: r for r in reversed(part4)}  # the first row of each label
    assert row["TOTAL"][:5] == ["Only for providers of hosting services, including online platforms", "Bench, the app", "2026-01-01/2026-12-31", "TOTAL", ""]
    assert row["TOTAL"][5:15] == [str(total["n"]), str(total["tf"]), str(total["n"]), str(total["tf"]), median(total["hours"]),
                                  median(total["tf_hours"]), str(total["law"]), row["TOTAL"][12], str(total["terms"]), row["TOTAL"][14]]
    assert row["STATEMENT_CATEGORY_CYBER_VIOLENCE"][5] == str(violence["n"]) and row["STATEMENT_CATEGORY_CYBER_VIOLENCE"][9] == median(violence["hours"])
    # Blank versus 0: a category nobody reported is 0 with blank medians; orders, declared none, are 0;
    # own-initiative measures, not declared, are blank with a note.
    assert row["STATEMENT_CATEGORY_ANIMAL_WELFARE"][5:15] == ["0", "0", "0", "0", "", "", "0", "0", "0", "0"]
    orders = read(out / "Part_3_member_states_orders.csv")[1]
    assert orders[6:13] == ["0", "0", "", "", "0", "", ""]
    own = read(out / "Part_5_own_initiative_illegal.csv")[1]
    assert own[5:21] == [""] * 16 and "not at the provider's own initiative" in own[21]
    part8 = {(r[4].strip(), r[5].strip()): r[6] for r in read(out / "Part_8_automated_means.csv")[1:]}
    assert part8[("Number of notices solely processed by automated means", "NAM Total")] == str(total["auto"])
    assert part8[("Number of notices not processed by automated means", "NAM Total")] == str(total["n"] - total["auto"])
    assert part8[("Accuracy of the automated means - Accuracy", "Total number")] == ""
    summary = {r[2]: r[3] for r in read(out / "Part_1_summary.csv")[1:]}
    assert summary == {"Name of the service provider": "Bench SAS", "Date of the publication of the report": "2027-02-15",
                       "Date of the publication of the latest previous report": "2026-02-27",
                       "Starting date of reporting period": "2026-01-01", "Ending date of reporting period": "2026-12-31"}
    qualitative = read(out / "Part_11_qualitative.csv")
    assert qualitative[3][4] == "A keyword filter flags, a person decides, except for spam."
    assert "help cards shown" in qualitative[1][4] and "relais_help_figures.csv" in qualitative[1][4]
    assert all(r[4] == "" for r in qualitative[1:] if r[0] == "Only for VLOPs")
    assert f"{total['n']} notices ({total['tf']} from trusted flaggers)" in run.stdout

    # The written folder passes the checker, the help file beside it included.
    check = subprocess.run([str(relais_bin), "dsa", "report", "--check", str(out)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout
    assert check.stdout.count("matches the template") == len(WRITTEN) and "Not in the folder: parts 9, 10." in check.stdout


def test_a_period_without_notices_writes_zeros_and_an_unknown_tenant_is_refused(relais_bin, tmp_path):
    database = f"sqlite:{tmp_path / 'relais.sqlite'}"
    subprocess.run([str(relais_bin), "migrate", "--database", database], capture_output=True, timeout=60, check=True)
    subprocess.run([sys.executable, str(SEED), "--database", database, "--notices", "20"], check=True, timeout=60)
    out = tmp_path / "2020"
    run = subprocess.run([str(relais_bin), "dsa", "report", "--tenant", "bench", "--from", "2020-01-01", "--to", "2020-12-31", "--out", str(out),
                          "--database", database], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    total = read(out / "Part_4_notices.csv")[1]
    assert total[1] == "bench" and total[5:15] == ["0", "0", "0", "0", "", "", "0", "0", "0", "0"]
    appeals = read(out / "Part_7_appeals_and_recidivism.csv")
    assert [r[6] for r in appeals[1:7]] == ["0", "0", "0", "0", "", "0"]
    unknown = subprocess.run([str(relais_bin), "dsa", "report", "--tenant", "nobody", "--from", "2026-01-01", "--to", "2026-12-31",
                              "--out", str(tmp_path / "x"), "--database", database], capture_output=True, text=True, timeout=60)
    assert unknown.returncode != 0 and "nobody" in unknown.stderr
    both = subprocess.run([str(relais_bin), "dsa", "report", "--check", str(out), "--tenant", "bench"], capture_output=True, text=True, timeout=60)
    assert both.returncode != 0 and "--check takes no --tenant" in both.stderr
