"""Peer: segno writing one QR PNG per line of a file (the URI), ECC M, 4-module border, 5 px modules."""
import sys

import segno

src, outdir = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        segno.make_qr(line.rstrip("\n"), error="m", boost_error=False).save(f"{outdir}/{i:06d}.png", scale=5, border=4)
