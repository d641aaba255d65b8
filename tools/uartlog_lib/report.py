"""`uartlog report`: one self-contained HTML file (inline CSS and SVG, no script).

Charts over time: free frames per order, the unusable free space index at
orders 3 and 10, slab usage of the busiest caches, vmalloc usage, page
faults per second by kind, stress operations per second. Tables: the
board, the final state, the self-tests, oopses with their symbolised
backtraces, killed processes, error lines and `check` violations.
"""
from html import escape

from .series import NR_ORDERS
from .symbols import format_frames
from .svg import chart as svg_chart

BUSIEST = 6
FAULT_KINDS = ("pgfault", "zero", "cow", "cow_reuse", "stackgrow", "fixup", "segv")

CSS = """
body { font: 14px/1.4 sans-serif; margin: 24px; color: #222; max-width: 1100px; }
h1 { font-size: 20px; } h2 { font-size: 17px; border-bottom: 1px solid #ccc; margin-top: 28px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: bold; }
.pass { background: #2a7d2a; } .fail { background: #b22222; }
.incomplete, .unusable { background: #a66d00; }
table { border-collapse: collapse; margin: 8px 0; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 12px 0; } figcaption { font-weight: bold; margin-bottom: 4px; }
.nodata, .note { color: #777; font-style: italic; margin: 2px 0; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; font-size: 12px; }
tr.bad td { background: #fde8e8; } tr.skip td { color: #777; }
"""


def _table(head, rows, numeric=(), classes=None):
    out = ["<table>"]
    if head:
        out.append("<tr>%s</tr>" % "".join("<th>%s</th>" % escape(str(h)) for h in head))
    for i, row in enumerate(rows):
        cls = ' class="%s"' % classes[i] if classes and classes[i] else ""
        cells = []
        for j, v in enumerate(row):
            cells.append('<td%s>%s</td>' % (' class="n"' if j in numeric else "",
                                           escape("" if v is None else str(v))))
        out.append("<tr%s>%s</tr>" % (cls, "".join(cells)))
    out.append("</table>")
    return "".join(out)


def _kv(d, keys=None):
    keys = keys or list(d)
    return _table(("key", "value"), [(k, d.get(k)) for k in keys if k in d])


def _zones(series):
    return sorted({name.split(".")[1] for name in series if name.startswith("buddy.")})


def charts(d, series):
    """The six charts, as HTML."""
    span = d["source"].get("time")

    def chart(*args, **kw):
        return svg_chart(*args, t_range=span, **kw)
    out = []
    zones = _zones(series)
    for zone in zones or [None]:
        pts = [("order %d" % k, series["buddy.%s.o%d" % (zone, k)].values())
               for k in range(NR_ORDERS) if zone and "buddy.%s.o%d" % (zone, k) in series]
        out.append(chart("Free frames per order%s (stacked)" % (" - zone " + zone if zone else ""),
                         pts, stacked=True, note="" if pts else "no @buddy records or buddyinfo dumps"))
    for zone in zones or [None]:
        pts = [("order %d" % o, series["buddy.%s.ui%d" % (zone, o)].values())
               for o in (3, 10) if zone and "buddy.%s.ui%d" % (zone, o) in series]
        out.append(chart("Unusable free space index%s" % (" - zone " + zone if zone else ""),
                         pts, y_max=1.0))
    caches = [(name[5:], s) for name, s in series.items() if name.startswith("slab.")]
    caches.sort(key=lambda c: (-max(v for _, v in c[1].values()), c[0]))
    out.append(chart("Slab usage of the %d busiest caches (bytes in active objects)" % BUSIEST,
                     [(n, s.values()) for n, s in caches[:BUSIEST] if max(v for _, v in s.values()) > 0],
                     unit="B"))
    out.append(chart("vmalloc usage", [(label, series[key].values()) for key, label in
                                      (("vmalloc.bytes", "bytes in areas"),
                                       ("vmalloc.lazy_bytes", "freed, not yet purged"))
                                      if key in series], unit="B"))
    out.append(chart("Page faults per second by kind", [(k, series["vm." + k].rates())
                                                       for k in FAULT_KINDS if "vm." + k in series],
                     note="" if "vm.pgfault" in series else "no @vm records"))
    out.append(chart("Stress operations per second", [(label, series[key].rates()) for key, label in
                                                     (("stress.ops", "operations"),
                                                      ("stress.fail", "failed operations"))
                                                     if key in series],
                     note="" if "stress.ops" in series else "no @stress records"))
    return "".join(out)


def _board(d):
    rows = [("verdict", d["verdict"]), ("capture", "%s, boot %d of %d, lines %d-%d" % (
        d["source"]["path"], d["source"]["boot"], d["source"]["boots"],
        d["source"]["first_line"], d["source"]["last_line"]))]
    if d["model"]:
        rows.append(("model", d["model"]))
    if d["cmdline"] is not None:
        rows.append(("command line", d["cmdline"]))
    rows.append(("duration", "%s s run phase, %s s of log" % (d["duration"]["run"], d["duration"]["log"])))
    for k, v in d["board"].items():
        rows.append(("@boot " + k, v))
    for r in d["memory_map"]:
        rows.append(("memory map", "%-9s %#011x-%#011x %s" % (r["type"], r["start"], r["end"], r["what"])))
    if d["opensbi"].get("version"):
        rows.append(("OpenSBI", d["opensbi"]["version"]))
    return _table(None, rows)


def _final_state(d):
    out = []
    if d["buddy"]:
        rows = []
        for zone, z in d["buddy"].items():
            rows.append([zone, z.get("free"), z.get("pcp")] + [z.get("o%d" % k) for k in range(NR_ORDERS)]
                        + [z["unusable_index"]["3"], z["unusable_index"]["10"]])
        out.append("<h3>Buddy allocator</h3>" + _table(
            ["zone", "free", "pcp"] + ["o%d" % k for k in range(NR_ORDERS)] + ["unusable@3", "unusable@10"],
            rows, numeric=range(1, 16)))
    s = d["slab"]
    if s:
        rows = sorted(s["all"].items(), key=lambda kv: (-kv[1].get("active", 0) * kv[1].get("size", 0), kv[0]))
        out.append("<h3>Slab caches</h3><p>%d objects in %d caches, %d pages</p>" % (
            s["objects"], s["caches"], s["pages"]))
        out.append(_table(("cache", "active", "total", "size", "bytes", "pages", "grown", "released"),
                          [(n, c.get("active"), c.get("total"), c.get("size"),
                            c.get("active", 0) * c.get("size", 0), c.get("pages"), c.get("grown"),
                            c.get("released")) for n, c in rows], numeric=range(1, 8)))
    for key, title in (("vmalloc", "vmalloc"), ("timer", "Timer"), ("vm", "Address spaces and faults"),
                       ("stress", "Stress workload"), ("meminfo", "/proc/meminfo (last dump)"),
                       ("summary", "@summary")):
        if d.get(key):
            out.append("<h3>%s</h3>" % escape(title) + _kv(d[key]))
    pt = d["pagetypeinfo"]
    if pt:
        rows = [[zone, mt] + counts for zone, types in pt["free"].items() for mt, counts in types.items()]
        out.append("<h3>/proc/pagetypeinfo (last dump): free blocks per order and type</h3>" + _table(
            ["zone", "type"] + ["o%d" % k for k in range(NR_ORDERS)], rows, numeric=range(2, 13)))
        rows = [[zone] + [blocks.get(t) for t in pt["types"]] for zone, blocks in pt["blocks"].items()]
        out.append("<p>Pageblocks of %s pages by type</p>" % pt.get("pages_per_block", "?") + _table(
            ["zone"] + pt["types"], rows, numeric=range(1, 1 + len(pt["types"]))))
    if d["frag"]:
        out.append("<h3>Fragmentation scenario</h3>" + _table(
            list(d["frag"][0].keys()), [list(f.values()) for f in d["frag"]]))
    if d["bench"]:
        out.append("<h3>Benchmarks</h3>" + _table(("name", "samples", "median", "max", "unit"), [
            (b.get("name"), b.get("ops"), b.get("median"), b.get("max"), b.get("unit")) for b in d["bench"]],
            numeric=(1, 2, 3)))
    return "".join(out)


def _selftests(d):
    st = d["selftests"]
    if not st["suites"]:
        return "<p>No KTAP self-test output in this boot.</p>"
    c = st["counts"]
    out = ["<p>%d passed, %d failed, %d skipped, %d crashed</p>" % (c["pass"], c["fail"], c["skip"], c["crashed"])]
    rows, classes = [], []
    for s in st["suites"]:
        sc = s["counts"]
        rows.append((s["name"], s["status"], sc["pass"], sc["fail"], sc["skip"], sc["crashed"], s["line"]))
        classes.append("bad" if s["status"] in ("fail", "crashed") else "")
        for case in s["cases"]:
            rows.append(("    " + case["name"], case["status"], "", "", "", "",
                         case["line"]))
            classes.append("bad" if case["status"] in ("fail", "crashed") else "skip")
    out.append(_table(("suite / case", "status", "passed", "failed", "skipped", "crashed", "line"),
                      rows, numeric=(2, 3, 4, 5, 6), classes=classes))
    for s in st["suites"]:
        for case in s["cases"]:
            if case.get("diag") or case.get("reason"):
                out.append("<pre>%s.%s (%s): %s\n%s</pre>" % (
                    escape(s["name"]), escape(case["name"]), escape(case["status"]),
                    escape(case.get("reason", "")), escape("\n".join(case.get("diag", [])))))
    if st["problems"]:
        out.append("<h3>KTAP problems</h3>" + _table(("line", "problem"), [
            (p["line"], p["message"]) for p in st["problems"]]))
    return "".join(out)


def _oopses(d):
    if not d["oopses"]:
        return "<p>None.</p>"
    out = []
    for o in d["oopses"]:
        out.append("<h3>@oops cause=%s at line %d</h3>" % (escape(str(o["cause"])), o["line"]))
        out.append(_table(None, [(k, o.get(k)) for k in ("headline", "msg", "epc", "tval", "task", "cpu")
                                     if o.get(k) is not None]))
        if o.get("symbolizer"):
            out.append('<p class="note">not symbolised: %s</p>' % escape(o["symbolizer"]))
        if o.get("elf_mismatch"):
            out.append('<p class="note">%s does not match this run</p>' % escape(o.get("elf", "")))
        rows = []
        for fr in o["trace"]:
            rows.append((fr["addr"], fr["symbol"], format_frames(fr.get("decoded") or [])))
        out.append(_table(("address", "symbol (kallsyms)", "function (file:line), inlined frames"), rows))
        if o["regs"]:
            regs = list(o["regs"].items())
            out.append("<pre>%s</pre>" % escape("\n".join(
                "  ".join("%4s: %s" % kv for kv in regs[i:i + 4]) for i in range(0, len(regs), 4))))
    return "".join(out)


def _processes(d):
    out = []
    if d["segv"]:
        out.append("<h3>@segv</h3>")
        for s in d["segv"]:
            out.append("<pre>%s\n%s</pre>" % (escape("pid=%s name=%s addr=%s cause=%s code=%s epc=%s (line %d)" % (
                s.get("pid"), s.get("name"), s.get("addr"), s.get("cause"), s.get("code"), s.get("epc"),
                s["line"])), escape("\n".join(s["explain"]))))
    if d["exits"]:
        out.append("<h3>@exit</h3>" + _table(("pid", "name", "status", "signal", "line"), [
            (e.get("pid"), e.get("name"), e.get("status"), e.get("signal"), e["line"]) for e in d["exits"]]))
    if d["oom"]:
        out.append("<h3>@oom</h3>" + _table(("pid", "name", "rss", "order", "gfp", "line"), [
            (e.get("pid"), e.get("name"), e.get("rss"), e.get("order"), e.get("gfp"), e["line"])
            for e in d["oom"]]))
    return "".join(out) or "<p>No user processes killed or reported.</p>"


def _errors(d):
    e = d["errors"]
    out = ["<p>@summary errors=%s; %d error lines outside the self-tests, %d during them "
           "(planted by the tests)</p>" % (e["summary"], e["lines_outside_selftests"],
                                          e["lines_during_selftests"])]
    if e["lines"]:
        out.append(_table(("line", "time", "during self-tests", "text"), [
            (x["line"], "%.6f" % x["time"], "yes" if x["selftest"] else "", x["text"]) for x in e["lines"]],
            classes=["skip" if x["selftest"] else "bad" for x in e["lines"]]))
    if "violations" in d:
        out.append("<h3>Invariant check (%d violations)</h3>" % d["violation_count"])
        if d["violations"]:
            out.append(_table(("line", "rule", "violation"), [
                (v["line"], v["rule"], v["message"]) for v in d["violations"]], classes=["bad"] * len(d["violations"])))
    return "".join(out)


def render(d, series):
    """The report of summary dict d with the chart series (SeriesCollector.series)."""
    v = d["verdict"]
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
             '<title>uartlog report: %s</title><style>%s</style></head><body>' % (
                 escape(d["source"]["path"]), CSS),
             '<h1>uartlog report <span class="verdict %s">%s</span></h1>' % (escape(v), escape(v))]
    if d["reasons"]:
        parts.append("<ul>%s</ul>" % "".join("<li>%s</li>" % escape(r) for r in d["reasons"]))
    parts += ["<h2>Board and boot</h2>", _board(d),
              "<h2>Over time</h2>", charts(d, series),
              "<h2>Final state</h2>", _final_state(d),
              "<h2>Self-tests</h2>", _selftests(d),
              "<h2>Oopses</h2>", _oopses(d),
              "<h2>Processes</h2>", _processes(d),
              "<h2>Errors and invariants</h2>", _errors(d),
              "</body></html>\n"]
    return "".join(parts)
