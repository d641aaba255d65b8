"""Invariants over a boot's record stream (`uartlog check`).

Each catches a firmware bug from outside, from the log alone:

  counters   event counters never decrease (@timer ticks/irqs/missed,
             @vmalloc purges/flushes/sync_faults/bad_frees/failures, @slab
             grown/released per cache, @vm fault counts, @stress
             ops/fail/verify_err/alloc_atomic, /proc/vmstat events), and
             @stress seq grows by one per report
  zone       per zone, @buddy free = sum of o<k> * 2^k (what /proc/buddyinfo
             lists is what is free); free + pcp + used stays constant and
             equals managed when the record has those keys; otherwise the
             zones' free + pcp never exceed /proc/meminfo's MemTotal, and
             MemTotal never changes
  slab       active <= total = slabs * perslab, pages = slabs << order, and
             /proc/slabinfo agrees with the @slab records of its report
  summary    one @summary, the last record; result=pass exactly when
             leaked_pages, leaked_objects, errors and selftest_failed are 0;
             selftest_failed covers the @selftest failures; each @selftest
             matches its KTAP suite; duration fits in the boot's time
  segv       every @segv is followed by its process's @exit, killed by
             SIGSEGV (signal 11)
  ktap       plans match their results, results are numbered in order,
             every test has its result line (a crash leaves it missing)
  time       timestamps never go backwards within a boot

Violations carry the line number of the line that shows them.
"""
from .lines import to_int

COUNTERS = {
    "timer": ("ticks", "irqs", "missed", "elapsed_us"),
    "vmalloc": ("purges", "flushes", "sync_faults", "bad_frees", "failures"),
    "slab": ("grown", "released"),
    "vm": ("pgfault", "zero", "cow", "cow_reuse", "segv", "stackgrow", "fixup"),
    "stress": ("seq", "ops", "fail", "verify_err", "alloc_atomic"),
}
IDENTITY = {"slab": "cache", "buddy": "zone"}
NR_ORDERS = 11
SIGSEGV = 11
KEEP = 1000
KEEP_IDENTITIES = 4096      # caches and zones whose last counters are kept
DURATION_SLACK = 0.002      # the duration is printed to the millisecond


class Checker:
    """An observer of one Boot; .violations is [(lineno, rule, message)]."""

    def __init__(self):
        self.violations = []
        self.count = 0
        self.prev_time = None
        self.prev_line = None
        self.prev = {}          # (kind, identity) -> (last record, its COUNTERS values)
        self.last_vmstat = None
        self.zone_total = {}    # zone -> (free + pcp + used, lineno)
        self.memtotal = None
        self.last_slabinfo_line = 0
        self.pending_segv = {}  # pid -> @segv
        self.summary = None
        self.selftest_failed = 0

    def fail(self, lineno, rule, msg):
        self.count += 1
        if len(self.violations) < KEEP:
            self.violations.append((lineno, rule, msg))

    # ---- observer interface -------------------------------------------------

    def line(self, boot, t, lineno):
        if self.prev_time is not None and t < self.prev_time:
            self.fail(lineno, "time", "timestamp %.6f is before %.6f (line %d)"
                      % (t, self.prev_time, self.prev_line))
        self.prev_time = t
        self.prev_line = lineno

    def record(self, boot, rec):
        kind = rec.kind
        if self.summary is not None and kind != "summary":
            self.fail(rec.lineno, "summary", "@%s after @summary (line %d)"
                      % (kind, self.summary.lineno))
        if kind in COUNTERS:
            ident = rec.get(IDENTITY[kind]) if kind in IDENTITY else None
            values = [rec.int(k) for k in COUNTERS[kind]]
            prev = self.prev.get((kind, ident))
            if prev is not None:
                self._counters(prev, rec, values, ident)
            if prev is not None or len(self.prev) < KEEP_IDENTITIES:
                self.prev[(kind, ident)] = (rec, values)
        check = getattr(self, "_rec_" + kind, None)
        if check is not None:
            check(boot, rec)

    def dump(self, boot, dump):
        check = getattr(self, "_dump_" + dump.kind, None)
        if check is not None:
            check(boot, dump)

    def end(self, boot):
        for lineno, msg in boot.ktap.problems:
            self.fail(lineno, "ktap", msg)
        for pid, rec in sorted(self.pending_segv.items()):
            self.fail(rec.lineno, "segv", "@segv pid=%s name=%s has no @exit" % (pid, rec.get("name")))
        self._selftests_vs_ktap(boot)
        if self.summary is not None:
            self._summary_end(boot, self.summary)
        self.violations.sort(key=lambda v: v[0])

    # ---- records --------------------------------------------------------------

    def _counters(self, prev, rec, values, ident):
        """Compare a record's counters (values, in COUNTERS order) with the last ones."""
        prev_rec, prev_values = prev
        for k, a, b in zip(COUNTERS[rec.kind], prev_values, values):
            if a is not None and b is not None and b < a:
                what = "@%s %s%s" % (rec.kind, ident + " " if ident else "", k)
                self.fail(rec.lineno, "counters", "%s went down from %d (line %d) to %d"
                          % (what, a, prev_rec.lineno, b))
        if rec.kind == "stress":
            a, b = prev_values[0], values[0]
            if a is not None and b is not None and b != a + 1:
                self.fail(rec.lineno, "counters", "@stress seq=%d follows seq=%d (line %d)"
                          % (b, a, prev_rec.lineno))

    def _rec_buddy(self, boot, rec):
        zone = rec.get("zone", "?")
        free = rec.int("free")
        orders = [rec.int("o%d" % k) for k in range(NR_ORDERS)]
        if free is not None and None not in orders:
            listed = sum(n << k for k, n in enumerate(orders))
            if listed != free:
                self.fail(rec.lineno, "zone", "@buddy zone=%s free=%d but its free lists hold %d frames"
                          % (zone, free, listed))
        self._zones_within_memtotal(boot, rec.lineno)
        pcp, used, managed = rec.int("pcp", 0), rec.int("used"), rec.int("managed")
        if free is None or used is None:
            return
        total = free + pcp + used
        if managed is not None and total != managed:
            self.fail(rec.lineno, "zone", "@buddy zone=%s free+pcp+used=%d, managed=%d"
                      % (zone, total, managed))
        seen = self.zone_total.get(zone)
        if seen is not None and seen[0] != total:
            self.fail(rec.lineno, "zone", "@buddy zone=%s free+pcp+used went from %d (line %d) to %d"
                      % (zone, seen[0], seen[1], total))
        self.zone_total[zone] = (total, rec.lineno)

    def _zones_within_memtotal(self, boot, lineno):
        if self.memtotal is None:
            return
        held = sum(r.int("free", 0) + r.int("pcp", 0) for r in boot.buddy.values())
        if held * 4 > self.memtotal[0]:
            self.fail(lineno, "zone", "the zones hold %d free frames (%d kB), more than MemTotal %d kB"
                      % (held, held * 4, self.memtotal[0]))

    def _rec_slab(self, boot, rec):
        name = rec.get("cache", "?")
        active, total = rec.int("active"), rec.int("total")
        slabs, perslab = rec.int("slabs"), rec.int("perslab")
        pages, order = rec.int("pages"), rec.int("order")
        if active is not None and total is not None and active > total:
            self.fail(rec.lineno, "slab", "@slab %s: active=%d > total=%d" % (name, active, total))
        if None not in (slabs, perslab, total) and slabs * perslab != total:
            self.fail(rec.lineno, "slab", "@slab %s: total=%d but slabs*perslab=%d"
                      % (name, total, slabs * perslab))
        if None not in (slabs, pages, order) and slabs << order != pages:
            self.fail(rec.lineno, "slab", "@slab %s: pages=%d but slabs<<order=%d"
                      % (name, pages, slabs << order))

    def _rec_selftest(self, boot, rec):
        self.selftest_failed += rec.int("failed", 0)

    def _rec_summary(self, boot, rec):
        if self.summary is None:
            self.summary = rec
        else:
            self.fail(rec.lineno, "summary", "second @summary (first at line %d)" % self.summary.lineno)

    def _rec_segv(self, boot, rec):
        if len(self.pending_segv) < KEEP:
            self.pending_segv[rec.get("pid")] = rec

    def _rec_exit(self, boot, rec):
        segv = self.pending_segv.pop(rec.get("pid"), None)
        if segv is None:
            return
        sig = rec.get("signal")
        if sig not in (str(SIGSEGV), "SIGSEGV"):
            self.fail(rec.lineno, "segv", "pid %s had @segv (line %d) but exited with signal=%s"
                      % (rec.get("pid"), segv.lineno, sig))

    # ---- dumps --------------------------------------------------------------

    def _dump_meminfo(self, boot, dump):
        total, free = dump.data.get("MemTotal"), dump.data.get("MemFree")
        if total is None:
            return
        if self.memtotal is not None and total != self.memtotal[0]:
            self.fail(dump.lineno, "zone", "MemTotal went from %d kB (line %d) to %d kB"
                      % (self.memtotal[0], self.memtotal[1], total))
        self.memtotal = (total, dump.lineno)
        if free is not None and free > total:
            self.fail(dump.lineno, "zone", "MemFree %d kB > MemTotal %d kB" % (free, total))

    def _dump_vmstat(self, boot, dump):
        prev = self.last_vmstat
        if prev is not None:
            for k, v in dump.data.items():
                if not k.startswith("nr_") and k in prev.data and v < prev.data[k]:
                    self.fail(dump.lineno, "counters", "vmstat %s went down from %d (line %d) to %d"
                              % (k, prev.data[k], prev.lineno, v))
        self.last_vmstat = dump

    def _dump_slabinfo(self, boot, dump):
        for name, row in dump.data["caches"].items():
            rec = boot.slab.get(name)
            if rec is None or rec.lineno < self.last_slabinfo_line:
                continue        # no @slab from this report
            pairs = (("active_objs", "active"), ("num_objs", "total"), ("objsize", "size"),
                     ("objperslab", "perslab"), ("active_slabs", "slabs"),
                     ("limit", "limit"), ("batchcount", "batch"))
            for col, key in pairs:
                v = rec.int(key)
                if v is not None and v != row[col]:
                    self.fail(row["line"], "slab", "slabinfo %s %s=%d but @slab (line %d) %s=%d"
                              % (name, col, row[col], rec.lineno, key, v))
            order = rec.int("order")
            if order is not None and row["pagesperslab"] != 1 << order:
                self.fail(row["line"], "slab", "slabinfo %s pagesperslab=%d but @slab order=%d"
                          % (name, row["pagesperslab"], order))
        self.last_slabinfo_line = dump.lineno

    # ---- at the end ---------------------------------------------------------

    def _selftests_vs_ktap(self, boot):
        suites = {s.name: s for s in boot.ktap.suites()}
        for rec in boot.selftest_recs:
            suite = suites.get(rec.get("suite"))
            if suite is None:
                self.fail(rec.lineno, "summary", "@selftest suite=%s has no KTAP suite" % rec.get("suite"))
                continue
            c = suite.counts()
            got = {"passed": c["pass"], "failed": c["fail"] + c["crashed"], "skipped": c["skip"]}
            for k, v in got.items():
                if rec.int(k) is not None and rec.int(k) != v:
                    self.fail(rec.lineno, "summary", "@selftest suite=%s %s=%s but KTAP shows %d"
                              % (rec.get("suite"), k, rec.get(k), v))

    def _summary_end(self, boot, s):
        fields = {k: to_int(s.get(k)) for k in ("leaked_pages", "leaked_objects", "errors",
                                                "selftest_failed")}
        clean = all(v == 0 for v in fields.values() if v is not None)
        result = s.get("result")
        if result == "pass" and not clean:
            self.fail(s.lineno, "summary", "result=pass with %s" % " ".join(
                "%s=%d" % (k, v) for k, v in fields.items() if v))
        if result == "fail" and clean and None not in fields.values():
            self.fail(s.lineno, "summary", "result=fail but every count is 0")
        failed = fields["selftest_failed"]
        if failed is not None and failed < self.selftest_failed:
            self.fail(s.lineno, "summary", "selftest_failed=%d but the @selftest records count %d"
                      % (failed, self.selftest_failed))
        duration = s.float("duration")
        if duration is not None and boot.first_time is not None and \
                duration > s.time - boot.first_time + DURATION_SLACK:
            self.fail(s.lineno, "summary", "duration=%s is longer than the boot so far (%.3f s)"
                      % (s.get("duration"), s.time - boot.first_time))
