#!/usr/bin/env python3
"""Cycles between fmlint's top-level modules.

    python3 scripts/module-cycles.py          # prints each cycle; exit 1 if there is one

A module is a file or folder directly under src/ (src/links/ and everything in it is
`links`). An edge A -> B is any `crate::B` path written in A's code (a `use` or a path
in an expression; doc comments and `//` comments are ignored). Each strongly connected
group of more than one module is a cycle: the modules in it cannot be understood, tested
or moved apart. The binary (src/main.rs) and the crate root (src/lib.rs) are left out.
"""

import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"
PATH = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)")
USE_GROUP = re.compile(r"\buse\s+crate::\{([^}]*)\}", re.S)


def module_of(path):
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".rs")


def code_of(text):
    lines = (line.split("//", 1)[0] for line in text.splitlines())
    return "\n".join(lines)


def edges():
    graph = {}
    for path in sorted(SRC.rglob("*.rs")):
        module = module_of(path)
        if module in ("main", "lib"):
            continue
        code = code_of(path.read_text(encoding="utf-8"))
        targets = set(PATH.findall(code))
        for group in USE_GROUP.findall(code):
            targets.update(re.findall(r"(?:^|,)\s*([a-z_][a-z0-9_]*)", group))
        graph.setdefault(module, set()).update(t for t in targets if t != module)
    return graph


def strongly_connected(graph):
    """Tarjan's algorithm, iterative."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    groups.append(sorted(group))
            elif child not in graph:
                continue
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return [g for g in groups if len(g) > 1]


def main():
    graph = edges()
    cycles = strongly_connected(graph)
    for group in cycles:
        members = set(group)
        arrows = [f"{a} -> {b}" for a in group for b in sorted(graph[a]) if b in members]
        print(f"cycle: {', '.join(group)}")
        for arrow in arrows:
            print(f"  {arrow}")
    if not cycles:
        print(f"no cycle among {len(graph)} modules")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
