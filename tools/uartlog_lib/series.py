"""Time series for the report's charts, in bounded memory.

Every series keeps at most CAP points: when it fills up, every other point
goes and from then on only every stride-th sample is kept (the stride
doubles each time), so a run of any length costs the same. The newest
sample is always kept, so the chart ends where the run ended. Counters
(cumulative, as /proc/vmstat's) are kept as counts; rates are derived from
neighbouring kept points when the chart is drawn, so decimation widens the
interval of a rate but never loses events.
"""
NR_ORDERS = 11
CAP = 1024
MAX_CACHES = 256


def unusable_index(free, orders, order):
    """Linux's unusable free space index (mm/vmstat.c) at order, 0.0 to 1.0.

    The share of free memory in blocks too small for an allocation of that
    order; 1.0 when nothing is free at all.
    """
    if not free:
        return 1.0
    suitable = sum(n << o for o, n in enumerate(orders) if o >= order)
    return (free - min(suitable, free)) / free


class Series:
    """(time, value) points of one quantity, at most CAP of them."""

    def __init__(self, cap=CAP):
        self.cap = cap
        self.points = []
        self.stride = 1
        self.seen = 0
        self.tail = None

    def add(self, t, v):
        if self.seen % self.stride == 0:
            self.points.append((t, v))
            if len(self.points) > self.cap:
                self.points = self.points[::2]
                self.stride *= 2
            self.tail = None
        else:
            self.tail = (t, v)
        self.seen += 1

    def values(self):
        return self.points + ([self.tail] if self.tail else [])

    def rates(self):
        """Per-second rates between kept points of a cumulative counter."""
        pts = self.values()
        out = []
        for (t0, v0), (t1, v1) in zip(pts, pts[1:]):
            if t1 > t0:
                out.append((t1, max(0.0, (v1 - v0) / (t1 - t0))))
        return out


class SeriesCollector:
    """An observer of one Boot that records what the charts draw.

    .series maps a name to a Series:
      buddy.<zone>.o<k>      free frames in blocks of order k
      buddy.<zone>.ui3/ui10  unusable free space index at orders 3 and 10
      slab.<cache>           bytes in active objects (active * size)
      vmalloc.bytes/areas/lazy_bytes
      vm.<counter>           @vm fault counters (cumulative)
      stress.ops/fail        @stress counters (cumulative)
    """

    def __init__(self):
        self.series = {}
        self.caches = set()

    def _add(self, name, t, v):
        s = self.series.get(name)
        if s is None:
            s = self.series[name] = Series()
        s.add(t, v)

    def _buddy(self, zone, t, free, orders):
        for k, n in enumerate(orders):
            self._add("buddy.%s.o%d" % (zone, k), t, n << k)
        self._add("buddy.%s.ui3" % zone, t, unusable_index(free, orders, 3))
        self._add("buddy.%s.ui10" % zone, t, unusable_index(free, orders, 10))

    def line(self, boot, t, lineno):
        pass

    def record(self, boot, rec):
        kind, t = rec.kind, rec.time
        if kind == "buddy":
            orders = [rec.int("o%d" % k, 0) for k in range(NR_ORDERS)]
            free = rec.int("free")
            self._buddy(rec.get("zone", "?"), t,
                        free if free is not None else sum(n << k for k, n in enumerate(orders)),
                        orders)
        elif kind == "slab":
            name = rec.get("cache", "?")
            if name in self.caches or len(self.caches) < MAX_CACHES:
                self.caches.add(name)
                self._add("slab." + name, t, rec.int("active", 0) * rec.int("size", 0))
        elif kind == "vmalloc":
            for k in ("bytes", "areas", "lazy_bytes"):
                v = rec.int(k)
                if v is not None:
                    self._add("vmalloc." + k, t, v)
        elif kind in ("vm", "stress"):
            for k, v in rec.items():
                n = rec.int(k)
                if n is not None and k not in ("seq", "mms", "tasks", "vmas"):
                    self._add("%s.%s" % (kind, k), t, n)

    def dump(self, boot, dump):
        if dump.kind == "buddyinfo":
            for zone, orders in dump.data["zones"].items():
                self._buddy(zone, dump.time, sum(n << k for k, n in enumerate(orders)), orders)

    def end(self, boot):
        pass
