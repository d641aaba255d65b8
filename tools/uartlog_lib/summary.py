"""A boot as a verdict and its statistics: a JSON-able dict, and its text form.

build() turns a finished Boot into the dict that `uartlog summary --json`
prints and that the report and diff read; text() renders it for people.
"""
from .lines import to_int
from .series import NR_ORDERS, unusable_index
from .symbols import decode_oops, explain_segv, format_frames

EXIT = {"pass": 0, "fail": 1, "incomplete": 2, "unusable": 2}
BUSIEST = 5


def fields(rec, skip=()):
    """A record's fields, decimal numbers as numbers (addresses stay strings)."""
    out = {}
    for k, v in rec.items():
        if k in skip:
            continue
        n = to_int(v)
        out[k] = n if n is not None and not v.startswith("0x") else v
    return out


def _buddy(boot):
    out = {}
    for zone, rec in boot.buddy.items():
        orders = [rec.int("o%d" % k, 0) for k in range(NR_ORDERS)]
        free = rec.int("free", sum(n << k for k, n in enumerate(orders)))
        d = fields(rec, ("zone",))
        d["unusable_index"] = {str(o): round(unusable_index(free, orders, o), 3) for o in (3, 10)}
        d["line"] = rec.lineno
        out[zone] = d
    if not out and "buddyinfo" in boot.dump_last:
        dump = boot.dump_last["buddyinfo"]
        for zone, orders in dump.data["zones"].items():
            free = sum(n << k for k, n in enumerate(orders))
            out[zone] = {"free": free, "line": dump.lineno, "from": "buddyinfo",
                         "unusable_index": {str(o): round(unusable_index(free, orders, o), 3)
                                            for o in (3, 10)}}
            out[zone].update({"o%d" % k: n for k, n in enumerate(orders)})
    return out


def _slab(boot):
    caches = {}
    for name, rec in boot.slab.items():
        caches[name] = fields(rec, ("cache",))
    if not caches and "slabinfo" in boot.dump_last:
        for name, row in boot.dump_last["slabinfo"].data["caches"].items():
            caches[name] = {"active": row["active_objs"], "total": row["num_objs"],
                            "size": row["objsize"], "pages": row["num_slabs"] * row["pagesperslab"]}
    if not caches:
        return None

    def used(c):
        return c.get("active", 0) * c.get("size", 0)
    busiest = sorted(caches, key=lambda n: (-used(caches[n]), n))[:BUSIEST]
    growing = []
    for name, rec in boot.slab.items():
        first = boot.slab_first.get(name)
        if first is not None and first is not rec and rec.int("active", 0) > first.int("active", 0):
            growing.append({"cache": name, "from": first.int("active", 0), "to": rec.int("active", 0),
                            "first_line": first.lineno, "last_line": rec.lineno})
    return {"caches": len(caches),
            "objects": sum(c.get("active", 0) for c in caches.values()),
            "bytes": sum(used(c) for c in caches.values()),
            "pages": sum(c.get("pages", 0) for c in caches.values()),
            "busiest": [dict(cache=n, active=caches[n].get("active", 0), size=caches[n].get("size", 0),
                             bytes=used(caches[n])) for n in busiest if used(caches[n])],
            "growing": growing,
            "all": caches}


def _rate(first, last, key):
    if first is None or last is None or first is last:
        return None
    a, b = first.int(key), last.int(key)
    if a is None or b is None or last.time <= first.time:
        return None
    return round((b - a) / (last.time - first.time), 1)


def _stress(boot):
    last = boot.last.get("stress")
    if last is None:
        return None
    d = fields(last)
    d["reports"] = boot.records["stress"]
    first = boot.first.get("stress")
    for k in ("ops", "fail"):
        r = _rate(first, last, k)
        if r is not None:
            d[k + "_per_s"] = r
    return d


def _vm(boot):
    last = boot.last.get("vm")
    if last is None:
        return None
    d = fields(last)
    d["reports"] = boot.records["vm"]
    r = _rate(boot.first.get("vm"), last, "pgfault")
    if r is not None:
        d["pgfault_per_s"] = r
    return d


def _selftests(boot):
    suites = []
    for s in boot.ktap.suites():
        d = s.to_dict()
        d["cases"] = [c for c in d.get("cases", []) if c["status"] != "pass"]
        d.setdefault("counts", s.counts())
        suites.append(d)
    out = {"counts": boot.selftest_counts(), "suites": suites,
            "records": [fields(r) for r in boot.selftest_recs],
            "problems": [{"line": ln, "message": m} for ln, m in boot.ktap.problems]}
    if boot.ktap.dropped:
        out["documents_not_kept"] = boot.ktap.dropped
    return out


def _segv(boot):
    out = []
    exits = {r.get("pid"): r for r in boot.exits}
    for rec in boot.segv:
        d = fields(rec)
        d["line"] = rec.lineno
        d["explain"] = explain_segv(rec, boot.maps.get(rec.int("pid")) or boot.maps.get(None))
        ex = exits.get(rec.get("pid"))
        if ex is not None:
            d["exit_line"] = ex.lineno
        out.append(d)
    return out


def build(boot, capture, symbolizer=None, checker=None):
    """The summary dict of a finished boot (capture: the Capture it came from)."""
    verdict, reasons = boot.verdict()
    src = capture.source
    s = boot.summary_rec
    d = {
        "verdict": verdict,
        "exit_status": EXIT[verdict],
        "reasons": reasons,
        "source": {"path": src.path, "lines": capture.lines, "boots": capture.boots,
                   "boot": boot.index, "first_line": boot.first_line, "last_line": boot.last_line,
                   "time": [boot.first_time, boot.last_time] if boot.first_time is not None else None},
        "duration": {"run": s.float("duration") if s is not None else None,
                     "log": round(boot.last_time - boot.first_time, 6)
                     if boot.first_time is not None else None},
        "board": fields(boot.boot_rec) if boot.boot_rec is not None else {},
        "opensbi": dict(boot.opensbi),
        "cmdline": boot.cmdline,
        "model": boot.model,
        "summary": dict(fields(s), line=s.lineno) if s is not None else None,
        "selftests": _selftests(boot),
        "buddy": _buddy(boot),
        "slab": _slab(boot),
        "vmalloc": fields(boot.last["vmalloc"]) if "vmalloc" in boot.last else None,
        "timer": fields(boot.last["timer"]) if "timer" in boot.last else None,
        "vm": _vm(boot),
        "stress": _stress(boot),
        "frag": [fields(r) for r in boot.frag],
        "bench": [fields(r) for r in boot.bench],
        "meminfo": boot.dump_last["meminfo"].data if "meminfo" in boot.dump_last else None,
        "vmstat": boot.dump_last["vmstat"].data if "vmstat" in boot.dump_last else None,
        "pagetypeinfo": boot.dump_last["pagetypeinfo"].data if "pagetypeinfo" in boot.dump_last else None,
        "memory_map": boot.dump_first["memmap"].data["regions"] if "memmap" in boot.dump_first else [],
        "errors": {"summary": to_int(s.get("errors")) if s is not None else None,
                   "lines_outside_selftests": boot.error_count,
                   "lines_during_selftests": boot.error_count_selftest,
                   "lines": [{"line": ln, "time": t, "text": text, "selftest": during}
                             for ln, t, text, during in boot.errors]},
        "leaks": {"pages": to_int(s.get("leaked_pages")) if s is not None else None,
                  "objects": to_int(s.get("leaked_objects")) if s is not None else None},
        "oopses": [o.to_dict() for o in boot.oopses],
        "oops_count": boot.oops_count,
        "segv": _segv(boot),
        "segv_count": boot.records["segv"],
        "exits": [dict(fields(r), line=r.lineno) for r in boot.exits],
        "oom": [dict(fields(r), line=r.lineno) for r in boot.oom],
        "records": dict(boot.records),
        "unknown_records": dict(boot.unknown),
        "dumps": dict(boot.dumps),
        "noise": {"untimed_lines": boot.untimed_lines, "garbled": boot.garbled,
                  "garbled_first": [{"line": ln, "why": w} for ln, w in boot.garbled_first],
                  "cut_last_line": boot.partial_last},
    }
    if capture.source.end_reason:
        d["source"]["end"] = capture.source.end_reason
    slab = d["slab"]
    if slab is not None:
        d["leaks"]["growing_caches"] = slab["growing"]
    for o in d["oopses"]:
        decode_oops(o, symbolizer)
    if checker is not None:
        d["violations"] = [{"line": ln, "rule": r, "message": m} for ln, r, m in checker.violations]
        d["violation_count"] = checker.count
    return d


# ---- text -------------------------------------------------------------------

def human_bytes(n):
    """123 B, 4.0 KiB, 1.5 MiB."""
    if n is None:
        return "?"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return ("%d %s" % (n, unit)) if unit == "B" else ("%.1f %s" % (n, unit))
        n /= 1024.0


def oops_lines(o):
    """The text of one oops with its decoded frames."""
    out = ["@oops cause=%s epc=%s tval=%s task=%s (line %d)%s" % (
        o["cause"], o["epc"], o["tval"], o["task"], o["line"],
        "" if o["complete"] else ", block cut off")]
    if o.get("msg"):
        out.append("  message: %s" % o["msg"])
    if o["headline"]:
        out.append("  " + o["headline"])
    if o.get("symbolizer"):
        out.append("  (not symbolised: %s)" % o["symbolizer"])
    if o.get("elf_mismatch"):
        out.append("  WARNING: %s does not match this run (frames %s)" % (
            o.get("elf"), ", ".join(o["elf_mismatch"])))
    for name in ("epc", "ra"):
        frames = o.get("decoded_regs", {}).get(name)
        if o["symbolic"].get(name) or frames:
            out.append("  %-3s %s %s" % (name, o["symbolic"].get(name, ""),
                                         ("-> " + format_frames(frames)) if frames else ""))
    if o["trace"]:
        out.append("  Call Trace:")
    for fr in o["trace"]:
        dec = fr.get("decoded")
        out.append("    [<%s>] %s%s" % (fr["addr"], fr["symbol"],
                                        ("  " + format_frames(dec)) if dec else ""))
    if o.get("frames_dropped"):
        out.append("    ... %d more frames" % o["frames_dropped"])
    return out


def text(d):
    """The summary dict for people."""
    out = []
    src = d["source"]
    out.append("verdict: %s" % d["verdict"])
    for r in d["reasons"]:
        out.append("  %s" % r)
    out.append("capture: %s, boot %d of %d (lines %d-%d)%s" % (
        src["path"], src["boot"], src["boots"], src["first_line"], src["last_line"],
        (", ended: " + src["end"]) if src.get("end") else ""))
    b = d["board"]
    if b:
        out.append("board:   %s, hart %s of %s, %s RAM, timebase %s Hz, %s, %s" % (
            b.get("board", "?"), b.get("hart", "?"), b.get("harts", "?"), human_bytes(b.get("ram")),
            b.get("timebase", "?"), b.get("isa", "?"), b.get("mmu", "?")))
        out.append("         SBI %s (%s %s), console %s, power-off %s" % (
            b.get("sbi", "?"), b.get("sbi_impl", "?"), b.get("sbi_impl_version", "?"),
            b.get("console", "?"), b.get("poweroff", "?")))
    elif d["opensbi"]:
        out.append("board:   OpenSBI %s on %s, no @boot record" % (
            d["opensbi"].get("version"), d["opensbi"].get("Platform Name", "?")))
    if d["cmdline"] is not None:
        out.append("command line: %s" % (d["cmdline"] or "(empty)"))
    if d["memory_map"]:
        by_type = {}
        for r in d["memory_map"]:
            by_type[r["type"]] = by_type.get(r["type"], 0) + r["end"] + 1 - r["start"]
        out.append("memory map: %s" % ", ".join("%s %s" % (t, human_bytes(n)) for t, n in by_type.items()))
    dur = d["duration"]
    out.append("duration: %s s run phase, %s s of log" % (
        dur["run"] if dur["run"] is not None else "?",
        "%.3f" % dur["log"] if dur["log"] is not None else "?"))
    st = d["selftests"]
    if st["suites"]:
        c = st["counts"]
        out.append("self-tests: %d suites: %d passed, %d failed, %d skipped, %d crashed" % (
            len(st["suites"]), c["pass"], c["fail"], c["skip"], c["crashed"]))
        for s in st["suites"]:
            sc = s["counts"]
            out.append("  %-10s %-8s %d passed, %d failed, %d skipped%s" % (
                s["name"], s["status"], sc["pass"], sc["fail"], sc["skip"],
                (", %d crashed" % sc["crashed"]) if sc["crashed"] else ""))
            for case in s["cases"]:
                extra = case.get("reason", "")
                out.append("    %-7s %s%s (line %d)" % (case["status"], case["name"],
                                                        (": " + extra) if extra else "", case["line"]))
                for dl in case.get("diag", [])[:6]:
                    out.append("            # %s" % dl)
        for p in st["problems"]:
            out.append("  KTAP line %d: %s" % (p["line"], p["message"]))
    out.extend(_memory_lines(d))
    e = d["errors"]
    out.append("errors: %s per @summary; %d error lines outside the self-tests, %d during them" % (
        e["summary"] if e["summary"] is not None else "?", e["lines_outside_selftests"],
        e["lines_during_selftests"]))
    for el in [x for x in e["lines"] if not x["selftest"]][:10]:
        out.append("  line %d: %s" % (el["line"], el["text"]))
    lk = d["leaks"]
    out.append("leaks: %s pages, %s objects%s" % (
        lk["pages"] if lk["pages"] is not None else "?",
        lk["objects"] if lk["objects"] is not None else "?",
        "".join("; %s grew %d -> %d" % (g["cache"], g["from"], g["to"])
                for g in lk.get("growing_caches", []))))
    if d["oopses"]:
        for o in d["oopses"]:
            out.extend(oops_lines(o))
    else:
        out.append("oopses: none")
    for s in d["segv"]:
        out.append("@segv pid=%s name=%s addr=%s cause=%s code=%s epc=%s (line %d)" % (
            s.get("pid"), s.get("name"), s.get("addr"), s.get("cause"), s.get("code"),
            s.get("epc"), s["line"]))
        out.extend("  " + x for x in s["explain"])
    for r in d["oom"]:
        out.append("@oom pid=%s name=%s rss=%s order=%s gfp=%s (line %d)" % (
            r.get("pid"), r.get("name"), r.get("rss"), r.get("order"), r.get("gfp"), r["line"]))
    bad_exits = [x for x in d["exits"] if x.get("status") not in (0, None) or x.get("signal") not in (0, None)]
    if d["exits"]:
        out.append("processes: %d exited, %d with a non-zero status or a signal" % (
            len(d["exits"]), len(bad_exits)))
    if d["unknown_records"]:
        out.append("other records: %s" % ", ".join("@%s x%d" % kv for kv in sorted(d["unknown_records"].items())))
    n = d["noise"]
    if n["garbled"] or n["cut_last_line"]:
        out.append("noise: %d garbled lines%s" % (n["garbled"], ", the last line is cut off" if n["cut_last_line"] else ""))
    if "violations" in d:
        out.append("check: %d violations" % d["violation_count"])
    return "\n".join(out)


def _memory_lines(d):
    out = []
    for zone, z in d["buddy"].items():
        out.append("buddy %s: %s free frames (%s), pcp %s; unusable index order 3: %.3f, order 10: %.3f" % (
            zone, z.get("free"), human_bytes(z.get("free", 0) * 4096), z.get("pcp", "?"),
            z["unusable_index"]["3"], z["unusable_index"]["10"]))
        out.append("  free blocks per order: %s" % " ".join(str(z.get("o%d" % k, "?")) for k in range(NR_ORDERS)))
    s = d["slab"]
    if s:
        out.append("slab: %d objects (%s) in %d caches, %d pages; busiest: %s" % (
            s["objects"], human_bytes(s["bytes"]), s["caches"], s["pages"],
            ", ".join("%s %d x %d B" % (b["cache"], b["active"], b["size"]) for b in s["busiest"]) or "-"))
    v = d["vmalloc"]
    if v:
        out.append("vmalloc: %s areas, %s, largest free %s, %s failures, %s bad frees, %s purges" % (
            v.get("areas"), human_bytes(v.get("bytes")), human_bytes(v.get("largest_free")), v.get("failures", "?"),
            v.get("bad_frees", "?"), v.get("purges", "?")))
    t = d["timer"]
    if t:
        out.append("timer: %s Hz via %s, %s ticks, %s interrupts, %s missed" % (
            t.get("hz"), t.get("source"), t.get("ticks"), t.get("irqs"), t.get("missed")))
    vm = d["vm"]
    if vm:
        out.append("vm: %s faults (%s/s): zero %s, cow %s, cow_reuse %s, stackgrow %s, fixup %s, segv %s;"
                   " %s mms, %s tasks, %s vmas" % (
                       vm.get("pgfault"), vm.get("pgfault_per_s", "?"), vm.get("zero"), vm.get("cow"),
                       vm.get("cow_reuse"), vm.get("stackgrow"), vm.get("fixup"), vm.get("segv"),
                       vm.get("mms"), vm.get("tasks"), vm.get("vmas")))
    st = d["stress"]
    if st:
        out.append("stress: %s reports, %s ops (%s/s), %s failed, %s verify errors, %s atomic allocations" % (
            st["reports"], st.get("ops"), st.get("ops_per_s", "?"), st.get("fail"),
            st.get("verify_err"), st.get("alloc_atomic")))
    pt = d["pagetypeinfo"]
    if pt:
        for zone, blocks in pt["blocks"].items():
            out.append("pageblocks %s (order %s): %s" % (zone, pt.get("pageblock_order", "?"), ", ".join(
                "%s %d" % kv for kv in blocks.items())))
    for f in d["frag"]:
        out.append("frag: grouping=%s unusable_index=%s order10_blocks=%s" % (
            f.get("grouping"), f.get("unusable_index"), f.get("order10_blocks")))
    if d["bench"]:
        out.append("bench: %d rows" % len(d["bench"]))
        for r in d["bench"][:40]:
            out.append("  %-36s median %s max %s %s" % (r.get("name"), r.get("median"), r.get("max"),
                                                        r.get("unit", "")))
    return out
