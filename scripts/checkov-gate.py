#!/usr/bin/env python3
"""Judges a checkov JSON report of the example templates against scripts/checkov-skips.txt.

    checkov-gate.py REPORT.json SKIP_FILE OUT_DIR

The templates are in OUT_DIR/<example>/<stack>.template.json. Each line of the skip file is

    CHECK_ID  EXAMPLES  REASON...

where EXAMPLES is a comma-separated list of example names (folders of OUT_DIR) or `*` for all.
A failed check passes the gate only when its (check, example) pair is listed. The gate fails on
any other failed check, on parsing errors, on a malformed or unknown line, and on a listed pair
that no longer fails (so the list stays exactly what the examples need). Standard library only:
it runs under checkov's own venv.
"""

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

CHECK_ID = re.compile(r"^CKV2?_AWS_[0-9]+$")


def load_skips(path, examples):
    """(check id, example) -> reason; exits on a malformed line."""
    skips, bad = {}, False
    for n, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split(None, 2)
        where = f"{path}:{n}"
        if len(parts) < 3 or not CHECK_ID.match(parts[0]):
            print(f"{where}: want a check id, the examples (or *) and a reason: {line}", file=sys.stderr)
            bad = True
            continue
        check, scope, reason = parts
        names = sorted(examples) if scope == "*" else scope.split(",")
        for name in names:
            if name not in examples:
                print(f"{where}: no example named `{name}` in the output", file=sys.stderr)
                bad = True
            elif (check, name) in skips:
                print(f"{where}: {check} for `{name}` is listed twice", file=sys.stderr)
                bad = True
            else:
                skips[(check, name)] = reason
    if bad:
        sys.exit(1)
    return skips


def reports(data):
    """checkov prints one object per framework, or a list of them."""
    return data if isinstance(data, list) else [data]


def main():
    report_path, skip_path, out_dir = sys.argv[1:4]
    examples = {p.name for p in Path(out_dir).iterdir() if p.is_dir()}
    skips = load_skips(skip_path, examples)
    text = Path(report_path).read_text().strip()
    data = json.loads(text) if text else []

    passed = failed = parse_errors = 0
    allowed = defaultdict(int)  # (check, example) -> count
    violations = []
    for rep in reports(data):
        summary = rep.get("summary", {})
        passed += summary.get("passed", 0)
        parse_errors += summary.get("parsing_errors", 0)
        for f in rep.get("results", {}).get("failed_checks", []):
            failed += 1
            example = Path(f["file_path"].lstrip("/")).parts[0]
            key = (f["check_id"], example)
            if key in skips:
                allowed[key] += 1
            else:
                violations.append(
                    f"{f['check_id']} ({f.get('check_name', '')}) in {f['file_path'].lstrip('/')}: "
                    f"{f.get('resource', '?')}"
                )

    status = 0
    if parse_errors:
        print(f"checkov: {parse_errors} template(s) could not be parsed", file=sys.stderr)
        status = 1
    for v in violations:
        print(f"failed: {v}", file=sys.stderr)
    if violations:
        print(
            f"checkov: {len(violations)} failed check(s) not listed for their example "
            f"(fix them, or list the check and example with a reason in {skip_path})",
            file=sys.stderr,
        )
        status = 1
    stale = sorted(k for k in skips if k not in allowed)
    for check, example in stale:
        print(f"stale: {check} no longer fails for `{example}`; remove it from {skip_path}", file=sys.stderr)
    if stale:
        status = 1

    by_check = defaultdict(list)
    for (check, example), count in sorted(allowed.items()):
        by_check[check].append(f"{example} ({count})")
    print(f"checkov: {passed} passed, {failed} failed, of which {failed - len(violations)} listed:")
    for check, where in sorted(by_check.items()):
        print(f"  {check}: {', '.join(where)}")
    if status == 0:
        print("checkov: clean")
    return status


if __name__ == "__main__":
    sys.exit(main())
