#!/usr/bin/env python3
"""Decode every barcode in the given images with zxing-cpp, the project's reference reader.

Prints one JSON object per image: {"file", "width", "height", "dpi", "mode", "bits", "symbols": [...]}, each symbol with
its text, format, AIM symbology identifier, GS1 flag and position, top-to-bottom then left-to-right.
"""
import json
import sys

import zxingcpp
from PIL import Image


def decode(path):
    image = Image.open(path)
    info = {"file": path, "width": image.width, "height": image.height, "mode": image.mode,
            "dpi": [round(v) for v in image.info.get("dpi", (0, 0))]}
    grey = image.convert("L")
    found = zxingcpp.read_barcodes(grey)
    symbols = []
    for r in found:
        p = r.position
        symbols.append({
            "text": r.text,
            # The symbol's data bytes; for GS1 symbols these carry GS (0x1D) separators, not the HRI brackets.
            "bytes": r.bytes.decode("latin-1"),
            "format": str(r.format).split(".")[-1],
            "symbology_identifier": r.symbology_identifier,
            "gs1": str(r.content_type).endswith("GS1"),
            "x": min(p.top_left.x, p.bottom_left.x),
            "y": min(p.top_left.y, p.top_right.y),
        })
    symbols.sort(key=lambda s: (s["y"] // 50, s["x"]))
    info["symbols"] = symbols
    return info


def main():
    for path in sys.argv[1:]:
        print(json.dumps(decode(path), ensure_ascii=False))


if __name__ == "__main__":
    main()
