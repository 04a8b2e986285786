#!/usr/bin/env python3
"""Validates EPCIS 2.0 JSON documents against the vendored GS1 schema (data/epcis/EPCIS-JSON-Schema.json).

Usage: validate-epcis.py DOC.json...   (exit 0 when every document is valid; else 1, one error per line)

The validator class is the one the schema's `$schema` declares (draft-07 today), with format checking on
(`uri` through rfc3987, `date-time` through rfc3339-validator), so a malformed URI or time fails too.
"""
import json
import os
import sys

import jsonschema

ROOT = os.path.realpath(__file__)[: -len("/tools/validate-epcis.py")]
SCHEMA = os.path.join(ROOT, "data", "epcis", "EPCIS-JSON-Schema.json")


def main(paths):
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = cls.FORMAT_CHECKER
    for needed in ("uri", "date-time"):
        if needed not in checker.checkers:
            print(f"format checker for '{needed}' is missing: install rfc3987 and rfc3339-validator", file=sys.stderr)
            return 2
    validator = cls(schema, format_checker=checker)
    bad = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
        bad += bool(errors)
        if not errors:
            print(f"{path}: valid ({cls.__name__}, {len(doc.get('epcisBody', {}).get('eventList', []))} events)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
