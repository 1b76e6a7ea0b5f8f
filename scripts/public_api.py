#!/usr/bin/env python3
"""Lists a crate's public items from rustdoc's JSON output, one per line.

Usage: public_api.py CRATE.json > listing.txt

Walks the crate from its root module through every public module and
re-export, and prints, sorted:
- each public item at every path a user can name it by
  (`pub fn`, `pub struct`, `pub enum`, `pub trait`, `pub mod`, `pub const`,
  `pub type`, `pub static`, `macro`; a re-export of another crate's item as
  `pub use PATH => ITS PATH`);
- under the item's shortest path only: public fields, enum variants,
  trait items, inherent associated items, and the trait impls written for
  it (`impl Display for Name`). Blanket impls and auto traits (Send, Sync,
  Unpin, …) are left out: they follow from the rest.

Items marked `#[doc(hidden)]` (the `__private` support modules) are not in
rustdoc's output and so not listed: they are not part of the surface users
may rely on. Types are printed by their last path segment (`Arc<str>`, not
`alloc::sync::Arc<str>`), so moving a `use` inside a crate changes nothing.
"""

import json
import sys
from collections import deque


class Listing:
    def __init__(self, doc):
        self.doc = doc
        self.index = doc["index"]
        self.paths = doc["paths"]
        self.lines = set()

    def item(self, id_):
        return self.index.get(str(id_))

    # --- types -------------------------------------------------------------

    def ty(self, t):
        if t is None:
            return "_"
        if isinstance(t, str):
            return t
        (kind, v), = t.items()
        if kind == "resolved_path":
            return self.path(v)
        if kind == "generic":
            return v
        if kind == "primitive":
            return v
        if kind == "tuple":
            return "(" + ", ".join(self.ty(x) for x in v) + ("," if len(v) == 1 else "") + ")"
        if kind == "slice":
            return "[" + self.ty(v) + "]"
        if kind == "array":
            return "[" + self.ty(v["type"]) + "; " + str(v["len"]) + "]"
        if kind == "borrowed_ref":
            lt = (v["lifetime"] + " ") if v.get("lifetime") else ""
            mut = "mut " if v["is_mutable"] else ""
            return "&" + lt + mut + self.ty(v["type"])
        if kind == "raw_pointer":
            return ("*mut " if v["is_mutable"] else "*const ") + self.ty(v["type"])
        if kind == "impl_trait":
            return "impl " + self.bounds(v)
        if kind == "dyn_trait":
            parts = [self.poly_trait(p) for p in v["traits"]]
            if v.get("lifetime"):
                parts.append(v["lifetime"])
            return "dyn " + " + ".join(parts)
        if kind == "qualified_path":
            trait = self.path(v["trait"]) if v.get("trait") else None
            base = self.ty(v["self_type"])
            head = f"<{base} as {trait}>" if trait else base
            return head + "::" + v["name"] + self.generic_args(v.get("args"))
        if kind == "function_pointer":
            sig = v["sig"]
            ins = ", ".join(self.ty(x[1]) for x in sig["inputs"])
            out = sig.get("output")
            return f"fn({ins})" + (f" -> {self.ty(out)}" if out else "")
        if kind == "infer":
            return "_"
        return f"<{kind}>"

    def path(self, p):
        name = p["path"].split("::")[-1]
        return name + self.generic_args(p.get("args"))

    def generic_args(self, a):
        if not a:
            return ""
        if "angle_bracketed" in a:
            ab = a["angle_bracketed"]
            parts = []
            for arg in ab["args"]:
                if isinstance(arg, str):
                    parts.append("_")
                elif "type" in arg:
                    parts.append(self.ty(arg["type"]))
                elif "lifetime" in arg:
                    parts.append(arg["lifetime"])
                elif "const" in arg:
                    parts.append(arg["const"].get("expr", "_"))
            for c in ab.get("constraints", []):
                b = c["binding"]
                if "equality" in b:
                    eq = b["equality"]
                    val = self.ty(eq["type"]) if "type" in eq else str(eq.get("constant"))
                    parts.append(f"{c['name']} = {val}")
                else:
                    parts.append(f"{c['name']}: {self.bounds(b['constraint'])}")
            return "<" + ", ".join(parts) + ">" if parts else ""
        if "parenthesized" in a:
            pa = a["parenthesized"]
            out = pa.get("output")
            return "(" + ", ".join(self.ty(x) for x in pa["inputs"]) + ")" + (
                f" -> {self.ty(out)}" if out else "")
        return ""

    def poly_trait(self, p):
        hrtb = self.hrtb(p.get("generic_params"))
        return hrtb + self.path(p["trait"])

    def hrtb(self, params):
        if not params:
            return ""
        return "for<" + ", ".join(x["name"] for x in params) + "> "

    def bounds(self, bs):
        out = []
        for b in bs:
            if "trait_bound" in b:
                tb = b["trait_bound"]
                m = {"maybe": "?", "maybe_const": "~const "}.get(tb.get("modifier"), "")
                out.append(m + self.hrtb(tb.get("generic_params")) + self.path(tb["trait"]))
            elif "outlives" in b:
                out.append(b["outlives"])
            elif "use" in b:
                out.append("use<" + ", ".join(str(x) for x in b["use"]) + ">")
        return " + ".join(out)

    def generics(self, g):
        params = []
        for p in g["params"]:
            k = p["kind"]
            if "lifetime" in k:
                outl = k["lifetime"].get("outlives") or []
                params.append(p["name"] + (": " + " + ".join(outl) if outl else ""))
            elif "type" in k:
                if k["type"].get("is_synthetic"):
                    continue
                b = self.bounds(k["type"]["bounds"])
                d = k["type"].get("default")
                params.append(p["name"] + (": " + b if b else "") + (" = " + self.ty(d) if d else ""))
            elif "const" in k:
                params.append(f"const {p['name']}: {self.ty(k['const']['type'])}")
        return "<" + ", ".join(params) + ">" if params else ""

    def where(self, g):
        preds = []
        for w in g["where_predicates"]:
            if "bound_predicate" in w:
                bp = w["bound_predicate"]
                preds.append(self.hrtb(bp.get("generic_params")) + self.ty(bp["type"]) + ": " + self.bounds(bp["bounds"]))
            elif "lifetime_predicate" in w:
                lp = w["lifetime_predicate"]
                preds.append(lp["lifetime"] + ": " + " + ".join(lp["outlives"]))
            elif "eq_predicate" in w:
                ep = w["eq_predicate"]
                preds.append(self.ty(ep["lhs"]) + " == " + self.ty(ep["rhs"].get("type")))
        return " where " + ", ".join(preds) if preds else ""

    def fn_sig(self, name, f):
        h = f["header"]
        quals = "".join(q for q, on in (("const ", h["is_const"]), ("async ", h["is_async"]),
                                        ("unsafe ", h["is_unsafe"])) if on)
        ins = []
        for arg, t in f["sig"]["inputs"]:
            if arg == "self":
                ins.append({"generic:Self": "self"}.get(f"generic:{t.get('generic')}", None)
                           or ("&self" if t == {"borrowed_ref": {"lifetime": None, "is_mutable": False, "type": {"generic": "Self"}}}
                               else "&mut self" if t == {"borrowed_ref": {"lifetime": None, "is_mutable": True, "type": {"generic": "Self"}}}
                               else "self: " + self.ty(t)))
            else:
                ins.append(f"{arg}: {self.ty(t)}")
        out = f["sig"].get("output")
        ret = f" -> {self.ty(out)}" if out else ""
        return f"{quals}fn {name}{self.generics(f['generics'])}({', '.join(ins)}){ret}{self.where(f['generics'])}"

    # --- items -------------------------------------------------------------

    def emit(self, line):
        self.lines.add(line)

    def walk(self):
        root = self.item(self.doc["root"])
        crate = root["name"]
        seen_members = set()
        queue = deque([(crate, self.doc["root"])])
        seen_modules = set()
        while queue:
            path, mod_id = queue.popleft()
            if (path, mod_id) in seen_modules:
                continue
            seen_modules.add((path, mod_id))
            for child in self.item(mod_id)["inner"]["module"]["items"]:
                for p, cid in self.children(path, child):
                    it = self.item(cid)
                    if it is None:
                        continue
                    kind = next(iter(it["inner"]))
                    if kind == "module":
                        self.emit(f"pub mod {p}")
                        if mod_id != cid:
                            queue.append((p, cid))
                        continue
                    self.item_line(p, it, kind)
                    if cid not in seen_members:
                        seen_members.add(cid)
                        self.members(p, it, kind)
        return sorted(self.lines)

    def children(self, path, child_id):
        """(path, id) pairs a module child makes visible: itself, or what a
        re-export brings in (the items of a glob)."""
        it = self.item(child_id)
        if it is None or it.get("visibility") != "public":
            return []
        kind = next(iter(it["inner"]))
        if kind != "use":
            return [(f"{path}::{it['name']}", child_id)]
        use = it["inner"]["use"]
        target = self.item(use["id"]) if use.get("id") is not None else None
        if target is None:
            ext = self.paths.get(str(use.get("id")))
            ext_path = "::".join(ext["path"]) if ext else use["source"]
            suffix = "::*" if use["is_glob"] else ""
            name = "*" if use["is_glob"] else use["name"]
            self.emit(f"pub use {path}::{name} => {ext_path}{suffix}")
            return []
        if use["is_glob"]:
            inner = target["inner"]
            if "module" in inner:
                out = []
                for c in inner["module"]["items"]:
                    out.extend(self.children(path, c))
                return out
            return []
        return [(f"{path}::{use['name']}", use["id"])]

    def item_line(self, p, it, kind):
        inner = it["inner"][kind]
        if kind == "function":
            self.emit(f"pub {self.fn_sig(p, inner)}")
        elif kind == "struct":
            g = inner["generics"]
            k = inner["kind"]
            shape = ""
            if isinstance(k, dict) and "tuple" in k:
                fields = [self.ty(self.item(f)["inner"]["struct_field"]) if f is not None else "_"
                          for f in k["tuple"]]
                shape = "(" + ", ".join(fields) + ")"
            self.emit(f"pub struct {p}{self.generics(g)}{shape}{self.where(g)}")
        elif kind == "enum":
            g = inner["generics"]
            self.emit(f"pub enum {p}{self.generics(g)}{self.where(g)}")
        elif kind == "union":
            self.emit(f"pub union {p}{self.generics(inner['generics'])}")
        elif kind == "trait":
            g = inner["generics"]
            sup = self.bounds(inner["bounds"])
            self.emit(f"pub trait {p}{self.generics(g)}{': ' + sup if sup else ''}{self.where(g)}")
        elif kind == "constant":
            self.emit(f"pub const {p}: {self.ty(inner['type'])}")
        elif kind == "static":
            self.emit(f"pub static {p}: {self.ty(inner['type'])}")
        elif kind == "type_alias":
            g = inner["generics"]
            self.emit(f"pub type {p}{self.generics(g)} = {self.ty(inner['type'])}")
        elif kind == "macro":
            self.emit(f"macro {p}!")
        elif kind == "proc_macro":
            self.emit(f"proc macro {p}")
        else:
            self.emit(f"pub {kind} {p}")

    def members(self, p, it, kind):
        inner = it["inner"][kind]
        if kind == "struct":
            k = inner["kind"]
            if isinstance(k, dict) and "plain" in k:
                for f in k["plain"]["fields"]:
                    fi = self.item(f)
                    if fi and fi.get("visibility") == "public":
                        self.emit(f"pub {p}::{fi['name']}: {self.ty(fi['inner']['struct_field'])}")
                if k["plain"].get("has_stripped_fields"):
                    self.emit(f"pub struct {p} {{ .. }}")
            self.impls(p, inner["impls"])
        elif kind == "enum":
            for v in inner["variants"]:
                vi = self.item(v)
                self.emit(f"pub {p}::{vi['name']}{self.variant_shape(vi['inner']['variant'])}")
            self.impls(p, inner["impls"])
        elif kind == "union":
            self.impls(p, inner["impls"])
        elif kind == "trait":
            for t in inner["items"]:
                self.assoc(p, self.item(t), in_trait=True)

    def variant_shape(self, v):
        k = v["kind"]
        if k == "plain":
            d = v.get("discriminant")
            return f" = {d['expr']}" if d else ""
        if "tuple" in k:
            return "(" + ", ".join(self.ty(self.item(f)["inner"]["struct_field"]) if f is not None else "_"
                                   for f in k["tuple"]) + ")"
        if "struct" in k:
            fields = [self.item(f) for f in k["struct"]["fields"]]
            return " { " + ", ".join(f"{f['name']}: {self.ty(f['inner']['struct_field'])}" for f in fields) + " }"
        return ""

    def impls(self, p, impl_ids):
        for i in impl_ids:
            imp = self.item(i)["inner"]["impl"]
            if imp["is_synthetic"] or imp["blanket_impl"] is not None:
                continue
            if imp["trait"] is None:
                for a in imp["items"]:
                    ai = self.item(a)
                    if ai and ai.get("visibility") == "public":
                        self.assoc(p, ai, in_trait=False)
            else:
                neg = "!" if imp["is_negative"] else ""
                g = imp["generics"]
                target = imp["for"]
                if "resolved_path" in target:
                    # The type by its listed path, so same-named types differ.
                    target = p + self.generic_args(target["resolved_path"].get("args"))
                else:
                    target = self.ty(target)
                self.emit(f"impl{self.generics(g)} {neg}{self.path(imp['trait'])} for {target}"
                          f"{self.where(g)}")

    def assoc(self, p, ai, in_trait):
        if ai is None:
            return
        kind = next(iter(ai["inner"]))
        inner = ai["inner"][kind]
        name = f"{p}::{ai['name']}"
        prefix = "" if in_trait else "pub "
        if kind == "function":
            self.emit(f"{prefix}{self.fn_sig(name, inner)}")
        elif kind == "assoc_const":
            self.emit(f"{prefix}const {name}: {self.ty(inner['type'])}")
        elif kind == "assoc_type":
            b = self.bounds(inner.get("bounds") or [])
            self.emit(f"type {name}{': ' + b if b else ''}")


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    for line in Listing(doc).walk():
        print(line)


if __name__ == "__main__":
    main()
