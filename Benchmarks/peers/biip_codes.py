"""Peer: biip building and validating the same one-item codes as tracecore-bench's general path.

Per code: parse the element string (AI validation, check digit), render the HRI, and build the canonical Digital
Link URI (on id.gs1.org: biip takes no custom stem here). Prints codes per second of wall clock on one core, as JSON.
"""
import json
import sys
import time

from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_messages import GS1Message

count = int(sys.argv[1])
gtin, day, lot = "09520123456795", "261127", "20261127A"
start = time.perf_counter()
out = 0
for i in range(1, count + 1):
    message = GS1Message.parse(f"01{gtin}11{day}10{lot}\x1d21{i:010d}")
    hri = message.as_hri()
    uri = GS1DigitalLinkURI.from_element_strings(message.element_strings).as_canonical_uri()
    out += len(hri) + len(uri)
elapsed = time.perf_counter() - start
assert hri.endswith(f"(21){count:010d}"), hri
assert uri.endswith(f"/21/{count:010d}?11={day}") or f"/21/{count:010d}" in uri, uri
print(json.dumps({"codes": count, "seconds": elapsed, "codes_per_second": count / elapsed, "bytes": out}))
