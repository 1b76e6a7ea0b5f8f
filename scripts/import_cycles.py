# Copied from the team's shared tools (shared/tools/import_cycles.py, by the
# flickr-rs reviewers), unchanged but for this header; run by
# scripts/check-structure.sh in CI.
"""Import circles between the source files of each crate in a Cargo workspace.
usage: import_cycles.py ROOT   -> prints each circle (files), then 'N circles'; exit 1 if any.
Reads `use crate::…`, `use super::…` and inline `crate::a::b` paths as text; tests/ and generated code are left out."""
import os, re, sys

def modules(src):
    mods = {}
    for dp, _, fs in os.walk(src):
        for f in fs:
            if not f.endswith(".rs"): continue
            rel = os.path.relpath(os.path.join(dp, f), src)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib", "main"): rel = rel[:-1]
            if "bin" in rel[:1]: continue
            mods[tuple(rel)] = os.path.join(dp, f)
    return mods

def expand(path):
    # "a::{b, c::d}" -> ["a::b", "a::c::d"] (one level of braces is enough here)
    m = re.match(r"^(.*?)\{(.*)\}$", path.strip())
    if not m: return [path.strip()]
    head, body = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in body:
        if ch == "{": depth += 1
        if ch == "}": depth -= 1
        if ch == "," and depth == 0: parts.append(cur); cur = ""
        else: cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        if p.strip(): out += expand(head + p.strip())
    return out

def resolve(mods, segs):
    for n in range(len(segs), 0, -1):
        if tuple(segs[:n]) in mods: return tuple(segs[:n])
    return None

def deps(mods, me, text):
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"#\[cfg\(test\)\]\s*mod tests\s*\{.*", "", text, flags=re.S)
    found = set()
    for m in re.finditer(r"\buse\s+((?:crate|super|self)::[^;]+);", text, flags=re.S):
        for p in expand(" ".join(m.group(1).split())):
            found.add(p)
    for m in re.finditer(r"\bcrate::([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)", text):
        found.add("crate::" + m.group(1))
    out = set()
    for p in found:
        segs = [s.strip() for s in p.split("::") if s.strip()]
        base = list(me)
        if segs[0] == "crate": segs = segs[1:]
        else:
            while segs and segs[0] in ("super", "self"):
                if segs[0] == "super": base = base[:-1]
                segs = segs[1:]
            segs = base + segs
        t = resolve(mods, segs)
        if t is not None and t != me and t != ():
            # importing from a parent module's own file counts; importing a child of mine does not make a circle with me
            out.add(t)
    return out

def sccs(graph):
    index, low, st, on, res, i = {}, {}, [], set(), [], [0]
    def go(v):
        index[v] = low[v] = i[0]; i[0] += 1; st.append(v); on.add(v)
        for w in graph.get(v, ()):
            if w not in index: go(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = st.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: res.append(comp)
    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index: go(v)
    return res

root = sys.argv[1]; total = 0
for crate in sorted(os.listdir(root)):
    src = os.path.join(root, crate, "src")
    if not os.path.isdir(src) or crate in ("target",): continue
    mods = modules(src)
    graph = {m: {d for d in deps(mods, m, open(f, errors="replace").read()) if not (len(d) > len(m) and d[:len(m)] == m) and not (len(m) > len(d) and m[:len(d)] == d)} for m, f in mods.items()}
    for comp in sccs(graph):
        total += 1
        print(f"{crate}: " + ", ".join(sorted(os.path.relpath(mods[c], root) for c in comp)))
print(f"{total} import circles")
sys.exit(1 if total else 0)
