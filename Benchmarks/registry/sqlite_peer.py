#!/usr/bin/env python3
"""The peer a user would otherwise pick: the same one-item code rows inserted into SQLite in WAL mode with
synchronous=FULL, committed in batches (one transaction per batch, like one registry group commit).

usage: sqlite_peer.py <db path> [count] [rows per transaction]
Prints one JSON line like registry-bench.
"""
import json, os, sqlite3, sys, time

path = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)

HRI = "(01)09520123456795(11)261127(10)20261127A(21)"
DL = "https://id.gs1.org/01/09520123456795/10/20261127A/21/{}?11=261127"

start = time.perf_counter()
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
db.execute("CREATE TABLE issue (seq INTEGER PRIMARY KEY, job TEXT NOT NULL, counter INTEGER NOT NULL, code TEXT NOT NULL, dl TEXT NOT NULL)")
seq = 0
while seq < count:
    end = min(count, seq + batch)
    rows = []
    for i in range(seq, end):
        serial = "%010d" % (i + 1)
        rows.append((i, "JBENCH", i + 1, HRI + serial, DL.format(serial)))
    db.execute("BEGIN")
    db.executemany("INSERT INTO issue VALUES (?, ?, ?, ?, ?)", rows)
    db.execute("COMMIT")
    seq = end
db.close()
seconds = time.perf_counter() - start
size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
print(json.dumps({"codes": count, "per_commit": batch, "seconds": round(seconds, 3),
                  "codes_per_second": int(count / seconds), "bytes": size, "sqlite": sqlite3.sqlite_version}))
