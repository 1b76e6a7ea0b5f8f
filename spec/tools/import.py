#!/usr/bin/env python3
"""Draft spec/methods/*.toml, spec/errors.toml and spec/enums.toml from the
flickr-reflection data set (Flickr's own flickr.reflection.getMethodInfo data).

    python3 spec/tools/import.py PATH/TO/flickr-reflection [--force FILE ...]

Facts (names, flags, argument names/required flags, error codes/messages, text)
come from the data set. Argument types, enum/error names and paging are ours:
they live in argtypes.py next to this file.

A file whose current content differs from what this script last wrote (hash in
spec/tools/.imported) was edited by hand: it is skipped and reported unless
--force names it (path relative to spec/, e.g. methods/photos.toml, or "all").
Python 3.11+ standard library only.
"""
import argparse
import hashlib
import json
import re
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import argtypes  # noqa: E402  (our typing tables)

SPEC = Path(__file__).resolve().parent.parent
STATE = SPEC / "tools" / ".imported"
SITE = "https://www.flickr.com"
GENERIC = [95, 96, 97, 98, 99, 100, 105, 106, 111, 112, 114, 115, 116]
ARG_ORDER = ("type", "of", "sep", "enum", "values", "formats", "min", "max", "default")
CAMEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
PERMS = {"0": "none", "1": "read", "2": "write", "3": "delete"}


# ---------------------------------------------------------------- HTML -> text
MARK = {"code": ("code", "`"), "b": ("b", "**"), "strong": ("b", "**"), "i": ("i", "*"), "em": ("i", "*")}


class _Text(HTMLParser):
    """Flickr's description HTML -> Markdown-ish text (plain=True: no markup)."""

    def __init__(self, plain):
        super().__init__(convert_charrefs=True)
        self.plain, self.out, self.href, self.dl = plain, [], [], 0
        self.open = {"code": 0, "b": 0, "i": 0}  # unmatched closing tags are ignored

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "br":
            self.out.append("\n")
        elif tag == "p":
            self.out.append("\n\n")
        elif tag in ("ul", "ol"):
            self.out.append("\n\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "dl":
            self.dl += 1
            self.out.append("\n\n" if self.dl == 1 else ": ")
        elif tag == "dt":
            self.out.append("\n- ")
        elif tag == "dd":
            self.out.append(": ")
        elif tag in MARK and not self.plain:
            self.open[MARK[tag][0]] += 1
            self.out.append(MARK[tag][1])
        elif tag == "a":
            href = a.get("href") or ""
            if href.startswith("/"):
                href = SITE + href
            self.href.append(href)
            if href and not self.plain:
                self.out.append("[")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("p", "ul", "ol"):
            self.out.append("\n\n")
        elif tag == "dl":
            self.dl -= 1
            if self.dl == 0:
                self.out.append("\n\n")
        elif tag in MARK and not self.plain:
            if self.open[MARK[tag][0]] > 0:
                self.open[MARK[tag][0]] -= 1
                self.out.append(MARK[tag][1])
        elif tag == "a" and self.href:
            href = self.href.pop()
            if href and not self.plain:
                self.out.append(f"]({href})")

    def handle_data(self, data):
        self.out.append(data)


def to_text(s, plain=False):
    p = _Text(plain)
    p.feed(s or "")
    p.close()
    t = "".join(p.out).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    t = re.sub(r"\*\*\s*\*\*", "", t)                  # empty emphasis
    t = re.sub(r"\n\s*: ", ": ", t)                     # <dt>term</dt><dd>text</dd> on one line
    # no leading indentation (rustdoc would read it as code), no trailing spaces
    t = "\n".join(ln.strip() for ln in t.split("\n"))
    t = re.sub(r"(^|\n)-\s+", r"\1- ", t)
    t = re.sub(r"\n{3,}", "\n\n", t).strip()
    # list items on consecutive lines, with a blank line before the list
    while True:
        t2 = re.sub(r"(\n- [^\n]*)\n\n(?=- )", r"\1\n", t)
        t2 = re.sub(r"^(- [^\n]*)\n\n(?=- )", r"\1\n", t2)
        if t2 == t:
            break
        t = t2
    t = re.sub(r"(^|\n)((?!- )[^\n]+)\n(- )", r"\1\2\n\n\3", t)
    return t


def summary_of(desc):
    t = to_text(desc, plain=True)
    t = t.split("\n\n")[0].replace("\n", " ")
    t = re.sub(r"\s+", " ", t).strip()
    m = re.search(r"^(.+?[.!?])(\s+(?=[A-Z0-9(])|$)", t)
    s = m.group(1) if m else t
    if s and s[-1].isalnum():
        s += "."
    return s


# ------------------------------------------------------------------ error names
def camel(message):
    msg = message.replace('"xxx"', "").replace("'", "")
    words = re.findall(r"[A-Za-z0-9]+", msg)
    out = []
    for w in words:
        if len(w) > 1 and (w.isupper() or (w[:-1].isupper() and w.endswith("s"))):
            w = w.lower()                                   # NSID -> Nsid, IDs -> Ids
        out.append(w[:1].upper() + w[1:])
    name = "".join(out)
    if name[:1].isdigit():
        name = "E" + name
    return name


# ------------------------------------------------------------------------- TOML
def q(s):
    """TOML basic string."""
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def ml(s):
    """TOML multi-line basic string when s has newlines, else a basic string."""
    if "\n" not in s:
        return q(s)
    out, run = [], 0
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            run += 1
            out.append('\\"' if run == 3 else '"')
            run %= 3
            continue
        elif ch not in "\n\t" and (ord(ch) < 0x20 or ord(ch) == 0x7F):
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
        run = 0
    if out and out[-1] == '"':
        out[-1] = '\\"'
    return '"""\n' + "".join(out) + '"""'


def val(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return q(v)
    if isinstance(v, list):
        return "[" + ", ".join(val(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {val(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def values_block(values):
    if all(isinstance(v, str) for v in values):
        return val(values)
    return "[\n" + "".join(f"  {val(v)},\n" for v in values) + "]"


def emit_table(header, d, comment=None):
    lines = ["", header]
    for c in ([comment] if isinstance(comment, str) else comment or []):
        lines += ["# " + x for x in c.split("\n")]
    for k, v in d.items():
        if v is None:
            continue
        if k == "values":
            lines.append(f"values = {values_block(v)}")
        elif k == "doc" or (isinstance(v, str) and "\n" in v):
            lines.append(f"{k} = {ml(v)}")
        else:
            lines.append(f"{k} = {val(v)}")
    return lines


# ----------------------------------------------------------------------- import
def load(reflection):
    methods = []
    for f in sorted((Path(reflection) / "methods").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        if not d.get("in_2023"):
            print(f"skip {d['method']['name']} (removed from Flickr)")
            continue
        methods.append(d)
    return methods


def build_method(d):
    m = d["method"]
    name = m["name"]
    desc = m["description"]["_content"]
    perms = PERMS[m["requiredperms"]]
    verb = d["http_verb"]
    assert verb == ("GET" if perms in ("none", "read") else "POST"), name
    codes = [e["code"] for e in d["errors"]["error"]]
    out = {
        "name": name,
        "summary": argtypes.SUMMARY.get(name) or summary_of(desc),
        "doc": to_text(desc) or argtypes.SUMMARY.get(name, ""),
        "verb": verb,
        "perms": perms,
        "login": bool(m["needslogin"]),
        "signed": bool(m["needssigning"]),
        "deprecated": argtypes.DEPRECATED.get(name),
        "generic_errors": [c for c in codes if c in GENERIC],
        "response": argtypes.RESPONSES.get(name, {"type": "untyped"}),
    }
    argnames = [a["name"] for a in d["arguments"]["argument"]]
    comment = None
    if "page" in argnames and "per_page" in argnames:
        out["paging"] = {"page": "page", "per_page": "per_page"}
    elif "page" in argnames or "per_page" in argnames:
        comment = "paging left out: Flickr has only one of page / per_page here"
    if name in argtypes.PAGING_NOTE:
        comment = argtypes.PAGING_NOTE[name]
    args = []
    for a in d["arguments"]["argument"]:
        if a["name"] == "api_key":
            continue
        t = argtypes.arg_type(name, a["name"], a["_content"])
        required = a["optional"] == 0
        arg = {"name": a["name"]}
        arg.update({k: t[k] for k in ARG_ORDER if k in t})
        arg["required"] = t.get("required", required)
        if arg["required"] != required:
            arg["override"] = t["override"]
        arg["doc"] = to_text(a["_content"])
        args.append((arg, t.get("comment")))
    errors, seen = [], {argtypes.GENERIC_NAMES[c] for c in out["generic_errors"]}
    for e in d["errors"]["error"]:
        if e["code"] in GENERIC:
            continue
        ename = argtypes.ERROR_NAMES.get((name, e["code"])) or camel(e["message"])
        assert CAMEL.match(ename), f"{name}: bad error name {ename}"
        assert ename not in seen, f"{name}: duplicate error name {ename}"
        seen.add(ename)
        errors.append(({"code": e["code"], "name": ename, "message": e["message"],
                        "doc": to_text(e["_content"])}, argtypes.ERROR_NOTES.get((name, e["code"]))))
    return out, comment, args, errors


def render_namespace(ns, methods):
    lines = ["# Generated by spec/tools/import.py from the flickr-reflection data set;",
             "# hand edits are welcome (the importer will not overwrite them).",
             "# See spec/README.md for the format and spec/PROVENANCE.md for sources.",
             "", f'namespace = "flickr.{ns}"']
    for d in methods:
        m, comment, args, errors = build_method(d)
        lines += emit_table("[[methods]]", m, comment)
        for arg, c in args:
            lines += emit_table("[[methods.args]]", arg, c)
        for e, c in errors:
            lines += emit_table("[[methods.errors]]", e, c)
    return "\n".join(lines) + "\n"


def render_errors(methods):
    seen = {}
    for d in methods:
        for e in d["errors"]["error"]:
            if e["code"] in GENERIC:
                prev = seen.setdefault(e["code"], (e["message"], e["_content"]))
                assert prev == (e["message"], e["_content"]), e
    lines = ["# Flickr's generic error codes (the same message and text in every method",
             "# that lists them). Methods reference them by code in generic_errors.",
             "# Names are ours; message and doc are Flickr's, verbatim."]
    for code in GENERIC:
        msg, doc = seen[code]
        lines += emit_table("[[errors]]", {"code": code, "name": argtypes.GENERIC_NAMES[code],
                                           "message": msg, "doc": doc})
    return "\n".join(lines) + "\n"


def render_enums():
    lines = ["# Shared enums referenced by arguments (`enum = \"Name\"`).",
             "# Values are Flickr's documented wire values; names and docs are ours",
             "# unless quoted from Flickr's argument text."]
    for e in argtypes.ENUMS:
        lines += emit_table("[[enums]]", {k: v for k, v in e.items() if k != "comment"}, e.get("comment"))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reflection", help="path to the flickr-reflection folder")
    ap.add_argument("--force", action="append", default=[], metavar="FILE",
                    help="overwrite FILE (relative to spec/) even if hand-edited; 'all' for every file")
    opts = ap.parse_args()
    methods = load(opts.reflection)
    by_ns = {}
    for d in methods:
        ns = d["method"]["name"][len("flickr."):].rsplit(".", 1)[0]
        by_ns.setdefault(ns, []).append(d)
    files = {"errors.toml": render_errors(methods), "enums.toml": render_enums()}
    for ns, ms in sorted(by_ns.items()):
        ms.sort(key=lambda d: d["method"]["name"])
        files[f"methods/{ns}.toml"] = render_namespace(ns, ms)

    state = json.loads(STATE.read_text()) if STATE.exists() else {}
    written = skipped = unchanged = 0
    for rel, text in files.items():
        tomllib.loads(text)  # never write a file that does not parse
        path = SPEC / rel
        new_hash = hashlib.sha256(text.encode()).hexdigest()
        if path.exists():
            cur = hashlib.sha256(path.read_bytes()).hexdigest()
            if cur == new_hash:
                state[rel] = new_hash
                unchanged += 1
                continue
            if cur != state.get(rel) and rel not in opts.force and "all" not in opts.force:
                print(f"kept {rel}: edited by hand since the last import (use --force {rel})")
                skipped += 1
                continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        state[rel] = new_hash
        written += 1
    STATE.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n")
    print(f"{len(methods)} methods in {len(by_ns)} namespaces: "
          f"{written} files written, {unchanged} unchanged, {skipped} kept (hand-edited)")


if __name__ == "__main__":
    main()
