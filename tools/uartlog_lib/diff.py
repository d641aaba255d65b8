"""`uartlog diff A B`: two runs side by side, for before/after comparisons.

Rows are grouped: outcome, stress (ops/s), faults, fragmentation, failures,
memory at the end, and one row per benchmark present in either run. Each
row has A, B and the change (B - A, and in percent where A is non-zero).
"""

GROUPS = ("outcome", "stress", "faults", "fragmentation", "failures", "memory", "bench")


def _get(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def _rows(d):
    """(group, metric) -> value of one run's summary dict."""
    out = {}

    def put(group, name, val):
        if val is not None:
            out[(group, name)] = val
    put("outcome", "verdict", d["verdict"])
    put("outcome", "run duration (s)", d["duration"]["run"])
    put("outcome", "board", d["board"].get("board"))
    for k in ("ops", "ops_per_s", "fail", "fail_per_s", "verify_err", "alloc_atomic", "reports"):
        put("stress", k, _get(d, "stress", k))
    for k in ("pgfault", "pgfault_per_s", "zero", "cow", "cow_reuse", "stackgrow", "fixup", "segv"):
        put("faults", k, _get(d, "vm", k))
    for zone, z in sorted(d["buddy"].items()):
        put("fragmentation", "%s unusable index order 3" % zone, z["unusable_index"]["3"])
        put("fragmentation", "%s unusable index order 10" % zone, z["unusable_index"]["10"])
        put("fragmentation", "%s free order-10 blocks" % zone, z.get("o10"))
    for f in d["frag"]:
        put("fragmentation", "scenario grouping=%s unusable index" % f.get("grouping"), f.get("unusable_index"))
    c = d["selftests"]["counts"]
    put("failures", "self-test cases failed", c["fail"])
    put("failures", "self-test cases crashed", c["crashed"])
    put("failures", "self-test cases passed", c["pass"])
    put("failures", "errors (@summary)", d["errors"]["summary"])
    put("failures", "leaked pages", d["leaks"]["pages"])
    put("failures", "leaked objects", d["leaks"]["objects"])
    put("failures", "oopses", d["oops_count"])
    put("failures", "processes killed (@segv)", d["segv_count"])
    put("failures", "OOM kills", len(d["oom"]))
    put("failures", "vmalloc failures", _get(d, "vmalloc", "failures"))
    put("failures", "vmalloc bad frees", _get(d, "vmalloc", "bad_frees"))
    for zone, z in sorted(d["buddy"].items()):
        put("memory", "%s free frames" % zone, z.get("free"))
    put("memory", "slab objects", _get(d, "slab", "objects"))
    put("memory", "slab bytes", _get(d, "slab", "bytes"))
    put("memory", "slab pages", _get(d, "slab", "pages"))
    put("memory", "vmalloc bytes", _get(d, "vmalloc", "bytes"))
    for r in d["bench"]:
        put("bench", "%s median" % r.get("name"), r.get("median"))
    return out


def compare(a, b):
    """The diff of two summary dicts, as a JSON-able dict."""
    ra, rb = _rows(a), _rows(b)
    keys = list(ra) + [k for k in rb if k not in ra]
    rows = []
    for group in GROUPS:
        for k in keys:
            if k[0] != group:
                continue
            va, vb = ra.get(k), rb.get(k)
            row = {"group": group, "metric": k[1], "a": va, "b": vb}
            if isinstance(va, (int, float)) and isinstance(vb, (int, float)) and \
                    not isinstance(va, bool):
                row["delta"] = round(vb - va, 6)
                if va:
                    row["percent"] = round(100.0 * (vb - va) / abs(va), 1)
            rows.append(row)
    return {"a": a["source"]["path"], "b": b["source"]["path"],
            "verdicts": [a["verdict"], b["verdict"]], "rows": rows}


def _show(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return "%g" % v
    return str(v)


def text(d):
    out = ["A: %s (%s)" % (d["a"], d["verdicts"][0]), "B: %s (%s)" % (d["b"], d["verdicts"][1])]
    width = max([len(r["metric"]) for r in d["rows"]] + [10])
    group = None
    for r in d["rows"]:
        if r["group"] != group:
            group = r["group"]
            out.append("")
            out.append("%-*s %14s %14s %14s" % (width, group, "A", "B", "B - A"))
        change = ""
        if "delta" in r:
            change = _show(r["delta"]) + (" (%+.1f%%)" % r["percent"] if "percent" in r and r["delta"] else "")
        elif r["a"] != r["b"]:
            change = "differs"
        out.append("%-*s %14s %14s %14s" % (width, r["metric"], _show(r["a"]), _show(r["b"]), change))
    return "\n".join(out)
