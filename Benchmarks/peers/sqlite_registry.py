"""Peer: the same registry rows inserted into SQLite in WAL mode with synchronous=FULL, in batched transactions.

This is what a factory would otherwise pick for an issued-code log: one row per code with the same fields as our
`issue` record, a UNIQUE constraint on the code, and one transaction (one fsync) per batch of codes.
"""
import sqlite3
import sys

db, count, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=FULL")
con.execute("CREATE TABLE issue (seq INTEGER PRIMARY KEY, job TEXT, counter INTEGER, code TEXT UNIQUE, dl TEXT)")
gtin, lot, day = "09520123456795", "20261127A", "261127"
seq = 0
for start in range(1, count + 1, batch):
    con.execute("BEGIN")
    rows = []
    for counter in range(start, min(count, start + batch - 1) + 1):
        serial = f"{counter:010d}"
        rows.append((seq, "J1", counter, f"(01){gtin}(11){day}(10){lot}(21){serial}",
                     f"https://id.gs1.org/01/{gtin}/10/{lot}/21/{serial}?11={day}"))
        seq += 1
    con.executemany("INSERT INTO issue VALUES (?,?,?,?,?)", rows)
    con.execute("COMMIT")
n = con.execute("SELECT count(*) FROM issue").fetchone()[0]
assert n == count, f"expected {count} rows, found {n}"
con.close()
