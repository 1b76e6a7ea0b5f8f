#!/usr/bin/env python3
"""Copy the facts and fixtures the tests need out of the shared data sets.

    python3 spec/tools/export_tests.py PATH/TO/flickr-reflection PATH/TO/recorded

Writes (relative to the repository root):
  tests/reflection/methods.json        compact reflection facts for the 223 live methods
  tests/fixtures/reflection/<m>.xml    each method's example response, in an <rsp> envelope
  tests/fixtures/recorded/...          the recorded folder, copied unchanged
The README.md files in those folders are written by hand and left alone.
"""
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    reflection, recorded = Path(sys.argv[1]), Path(sys.argv[2])
    facts, examples = [], 0
    out_xml = ROOT / "tests/fixtures/reflection"
    out_xml.mkdir(parents=True, exist_ok=True)
    for f in sorted((reflection / "methods").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        if not d.get("in_2023"):
            continue
        m = d["method"]
        facts.append({
            "name": m["name"],
            "perms": m["requiredperms"],
            "needslogin": m["needslogin"],
            "needssigning": m["needssigning"],
            "http_verb": d["http_verb"],
            "args": [{"name": a["name"], "optional": a["optional"]} for a in d["arguments"]["argument"]],
            "errors": [{"code": e["code"], "message": e["message"]} for e in d["errors"]["error"]],
        })
        body = (m.get("response") or {}).get("_content")
        if body:
            body = body.replace("\r\n", "\n")
            # 23 examples already carry Flickr's envelope (and 2 an XML declaration): unwrap, then wrap.
            m2 = re.fullmatch(r"\s*(?:<\?xml[^>]*\?>)?\s*<rsp[^>]*>(.*)</rsp>\s*", body, re.S)
            if m2:
                body = m2.group(1)
            body = body.strip("\n")
            inner = body + "\n" if body.strip() else ""
            (out_xml / f"{m['name']}.xml").write_text(
                f'<?xml version="1.0" encoding="utf-8" ?>\n<rsp stat="ok">\n{inner}</rsp>\n', encoding="utf-8")
            examples += 1
    out = ROOT / "tests/reflection/methods.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ",\n".join(json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in facts)
    out.write_text("[\n" + lines + "\n]\n", encoding="utf-8")

    dest = ROOT / "tests/fixtures/recorded"
    copied = 0
    for src in sorted(recorded.rglob("*")):
        if src.is_file():
            target = dest / src.relative_to(recorded)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            copied += 1
    print(f"{len(facts)} methods -> {out.relative_to(ROOT)}; {examples} example responses; "
          f"{copied} recorded files copied")


if __name__ == "__main__":
    main()
