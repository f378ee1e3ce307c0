"""Sends 1,000 statements of reasons to the stand-in Transparency Database (tests/tdb_standin.py)
with `relais dsa submit`, and times it. Run from the repository root after `swift build`:
    RELAIS_BIN=.build/debug/relais python3 benchmarks/dsa_submit.py
The statements are made first through the API (reports, claims, decisions) with submission
off, so the timing covers only the sending."""
import sys, time, tempfile, pathlib  # noqa: E401
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
from relais_testing import RelaisServer, relais_binary
from tdb_standin import TransparencyDatabase
from dsa_testing import write_config, moderator, make_statements, wait_until
db = TransparencyDatabase()
folder = pathlib.Path(tempfile.mkdtemp())
cfg = write_config(folder, db, mode="off")
s = RelaisServer(relais_binary(), folder, extra_args=["--config", str(cfg)])
mod = moderator(relais_binary(), s.database)
t0 = time.time(); make_statements(s, s.key, mod, 1000); t1 = time.time()
s.stop()
print(f"made 1000 statements in {t1-t0:.1f}s")
cfg = write_config(folder, db)
import subprocess, os
t2 = time.time()
r = subprocess.run([str(relais_binary()), "dsa", "submit", "--config", str(cfg), "--tenant", "demo", "--database", s.database],
                   capture_output=True, text=True, env={**os.environ, "RELAIS_TEST_TDB_TOKEN": db.token})
t3 = time.time()
print(r.stdout.strip(), f"| dsa submit took {t3-t2:.2f}s; batches {db.batch_sizes}; stored {len(db.stored)}; created once: {set(db.created_count.values())}")
db.close()
