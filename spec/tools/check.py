#!/usr/bin/env python3
"""Self-check of spec/ against spec/README.md and tests/reflection/methods.json.

    python3 spec/tools/check.py

Parses every TOML file and checks: 223 methods; arg types in the allowed
vocabulary; referenced enums exist; defaults within min/max or values; no
default on a required argument; error names unique per method and UpperCamelCase;
generic codes in errors.toml; verb consistent with perms; paging points at real
args; arg names, order, required flags, error codes and flags equal Flickr's
reflection except where an argument says `override`. Prints a summary.
Exit status 1 on any problem. Python 3.11+ standard library only.
"""
import collections
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec"
IDS = {"photo_id", "photoset_id", "user_id", "group_id", "gallery_id", "collection_id", "place_id",
       "woe_id", "comment_id", "note_id", "topic_id", "reply_id", "tag_id", "ticket_id",
       "suggestion_id", "testimonial_id"}
SCALARS = {"text", "string", "int", "float", "bool", "date"} | IDS
TYPES = SCALARS | {"enum", "list"}
FORMATS = {"ymd", "unix", "mysql"}
PERMS = {"none": "0", "read": "1", "write": "2", "delete": "3"}
METHOD_KEYS = {"name", "summary", "doc", "verb", "perms", "login", "signed", "deprecated",
               "generic_errors", "response", "paging", "args", "errors"}
ARG_KEYS = {"name", "type", "required", "override", "default", "min", "max", "values", "enum",
            "of", "sep", "formats", "doc"}
CAMEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")

problems = []


def bad(where, msg):
    problems.append(f"{where}: {msg}")


def enum_values(e):
    return [v if isinstance(v, str) else v["wire"] for v in e["values"]]


def check_enum_def(where, values):
    wires = set()
    for v in values:
        if isinstance(v, dict):
            if set(v) - {"wire", "name", "doc"} or "wire" not in v or "name" not in v:
                bad(where, f"bad enum value {v}")
            elif not CAMEL.match(v["name"]):
                bad(where, f"variant name {v['name']!r} not UpperCamelCase")
        w = v if isinstance(v, str) else v.get("wire")
        if w in wires:
            bad(where, f"duplicate enum value {w!r}")
        wires.add(w)


def check_arg(where, a, enums):
    if set(a) - ARG_KEYS:
        bad(where, f"unknown keys {sorted(set(a) - ARG_KEYS)}")
    t = a.get("type")
    if t not in TYPES:
        return bad(where, f"unknown type {t!r}")
    if not isinstance(a.get("required"), bool):
        bad(where, "required must be a bool")
    if t == "list":
        of = a.get("of")
        if of not in SCALARS | {"enum"}:
            bad(where, f"list item type {of!r}")
        if of == "enum" and a.get("enum") not in enums:
            bad(where, f"list of unknown enum {a.get('enum')!r}")
        if of == "date" and not set(a.get("formats", ["ymd"])) <= FORMATS:
            bad(where, "bad formats")
    if t == "enum":
        if ("values" in a) == ("enum" in a):
            bad(where, "enum needs exactly one of values / enum")
        elif "enum" in a and a["enum"] not in enums:
            bad(where, f"unknown enum {a['enum']!r}")
        elif "values" in a:
            check_enum_def(where, a["values"])
    if t == "date" and not (set(a.get("formats", ["ymd"])) <= FORMATS and a.get("formats", ["ymd"])):
        bad(where, f"bad formats {a.get('formats')}")
    for k in ("min", "max"):
        if k in a and t not in ("int", "float"):
            bad(where, f"{k} on a {t}")
        if k in a and t == "int" and not isinstance(a[k], int):
            bad(where, f"{k} must be an integer")
    if "min" in a and "max" in a and a["min"] > a["max"]:
        bad(where, "min > max")
    if "sep" in a and t != "list":
        bad(where, "sep on a non-list")
    if "default" in a:
        d = a["default"]
        if a.get("required"):
            bad(where, "required argument with a default")
        if t == "int" and (not isinstance(d, int) or isinstance(d, bool)):
            bad(where, "int default not an integer")
        elif t == "float" and not isinstance(d, (int, float)):
            bad(where, "float default not a number")
        elif t == "bool" and not isinstance(d, bool):
            bad(where, "bool default not a bool")
        elif t in ("enum", "date", "text", "string") and not isinstance(d, str):
            bad(where, f"{t} default must be a string")
        if t in ("int", "float"):
            if "min" in a and d < a["min"] or "max" in a and d > a["max"]:
                bad(where, f"default {d} outside {a.get('min')}..{a.get('max')}")
        if t == "enum":
            vals = enum_values(enums[a["enum"]]) if "enum" in a else enum_values(a)
            if d not in vals:
                bad(where, f"default {d!r} not in {vals}")
    if "override" in a and not a["override"].strip():
        bad(where, "empty override")


def main():
    enums = {}
    for f in ("enums.toml", "types.toml"):
        p = SPEC / f
        if p.exists():
            for e in tomllib.loads(p.read_text()).get("enums", []):
                if e["name"] in enums:
                    bad(f, f"enum {e['name']} defined twice")
                check_enum_def(f"{f} {e['name']}", e["values"])
                enums[e["name"]] = e
    generic = {e["code"]: e for e in tomllib.loads((SPEC / "errors.toml").read_text())["errors"]}
    facts = {m["name"]: m for m in json.loads((ROOT / "tests/reflection/methods.json").read_text())}

    seen, namespaces = set(), 0
    n_args = n_errors = 0
    by_type = collections.Counter()
    overrides = []
    for path in sorted((SPEC / "methods").glob("*.toml")):
        namespaces += 1
        doc = tomllib.loads(path.read_text())
        ns = doc.get("namespace")
        if ns != "flickr." + path.stem:
            bad(path.name, f"namespace {ns!r} does not match the file name")
        names = [m["name"] for m in doc["methods"]]
        if names != sorted(names):
            bad(path.name, "methods not sorted by name")
        for m in doc["methods"]:
            name = m["name"]
            where = f"{path.name} {name}"
            if name in seen:
                bad(where, "duplicate method")
            seen.add(name)
            if name.rsplit(".", 1)[0] != ns:
                bad(where, "method in the wrong namespace file")
            if set(m) - METHOD_KEYS:
                bad(where, f"unknown keys {sorted(set(m) - METHOD_KEYS)}")
            for k in ("summary", "doc", "verb", "perms", "login", "signed", "generic_errors", "response"):
                if k not in m:
                    bad(where, f"missing {k}")
            if not m.get("summary"):
                bad(where, "empty summary")
            if m.get("verb") != ("GET" if m.get("perms") in ("none", "read") else "POST"):
                bad(where, f"verb {m.get('verb')} with perms {m.get('perms')}")
            f = facts.get(name)
            if f is None:
                bad(where, "not in tests/reflection/methods.json")
                continue
            if PERMS.get(m["perms"]) != f["perms"] or m["verb"] != f["http_verb"]:
                bad(where, "perms/verb differ from reflection")
            if m["login"] != bool(f["needslogin"]) or m["signed"] != bool(f["needssigning"]):
                bad(where, "login/signed differ from reflection")
            legacy = name.startswith("flickr.auth.") and not name.startswith("flickr.auth.oauth.")
            if legacy and not m.get("deprecated"):
                bad(where, "legacy auth method not deprecated")
            args = m.get("args", [])
            arg_names = [a["name"] for a in args]
            want = [(a["name"], a["optional"] == 0) for a in f["args"] if a["name"] != "api_key"]
            if arg_names != [n for n, _ in want]:
                bad(where, f"args {arg_names} != reflection {[n for n, _ in want]}")
            else:
                for a, (_, req) in zip(args, want):
                    if a.get("required") != req and "override" not in a:
                        bad(f"{where} {a['name']}", "required differs from reflection without override")
                    if a.get("required") == req and "override" in a:
                        bad(f"{where} {a['name']}", "override but required equals reflection")
                    if "override" in a:
                        overrides.append(f"{name} {a['name']}: required={a['required']} ({a['override']})")
            if len(set(arg_names)) != len(arg_names):
                bad(where, "duplicate argument")
            for a in args:
                n_args += 1
                by_type[a.get("type")] += 1
                check_arg(f"{where} {a['name']}", a, enums)
            codes = [e["code"] for e in f["errors"]]
            gen = [c for c in codes if c in generic]
            if m.get("generic_errors") != gen:
                bad(where, f"generic_errors {m.get('generic_errors')} != {gen}")
            errs = m.get("errors", [])
            if [e["code"] for e in errs] != [c for c in codes if c not in generic]:
                bad(where, "method error codes differ from reflection")
            msgs = {e["code"]: e["message"] for e in f["errors"]}
            enames = {generic[c]["name"] for c in gen}  # unique among the method's generic names too
            for e in errs:
                n_errors += 1
                if e.get("message") != msgs.get(e["code"]):
                    bad(where, f"error {e['code']} message differs from reflection")
                if not CAMEL.match(e.get("name", "")):
                    bad(where, f"error name {e.get('name')!r} not UpperCamelCase")
                if e.get("name") in enames:
                    bad(where, f"duplicate error name {e['name']}")
                enames.add(e.get("name"))
            if "paging" in m:
                p = m["paging"]
                for k in ("page", "per_page"):
                    if p.get(k) not in arg_names:
                        bad(where, f"paging.{k} names no argument")
            elif "page" in arg_names and "per_page" in arg_names:
                bad(where, "has page and per_page but no paging")
            r = m.get("response", {})
            if r.get("type") != "untyped" and not CAMEL.match(r.get("type", "")):
                bad(where, f"bad response {r}")
    missing = set(facts) - seen
    if missing:
        bad("spec", f"methods missing: {sorted(missing)}")
    if len(seen) != 223:
        bad("spec", f"{len(seen)} methods, expected 223")
    for c in (95, 96, 97, 98, 99, 100, 105, 106, 111, 112, 114, 115, 116):
        if c not in generic:
            bad("errors.toml", f"generic code {c} missing")

    print(f"namespaces: {namespaces}  methods: {len(seen)}  args: {n_args}  "
          f"method error codes: {n_errors}  generic codes: {len(generic)}  shared enums: {len(enums)}")
    print("args by type: " + ", ".join(f"{t} {n}" for t, n in by_type.most_common()))
    print(f"required-flag overrides: {len(overrides)}")
    for o in overrides:
        print("  " + o)
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
