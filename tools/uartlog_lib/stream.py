"""A capture split into boots, each fed line by line to a Boot.

A new boot starts at OpenSBI's banner ("OpenSBI v..."), or, on a board
whose firmware prints no banner, at the kernel's first line ("Booting on
hart") or a second @boot record once the current boot has kernel output.
Only the selected boot is kept (the last one, or number want); the others
are counted and dropped as they end, so memory does not grow with the
number of boots.

A live source stops at the selected boot's @summary, at the end of an
oops block (or when the line goes quiet after an @oops), at Ctrl-C, or at
its timeout.
"""
from .boot import OPENSBI_RE, Boot
from .lines import segments


class Capture:
    """Read a Source once. .boot is the selected Boot, .boots the count."""

    def __init__(self, source, want=None, observers=(), on_record=None):
        self.source = source
        self.want = want
        self.observer_factories = observers
        self.on_record = on_record      # called with every record of every boot
        self.boot = None                # the selected boot
        self.current = None
        self.boots = 0
        self.lines = 0

    def _new_boot(self, lineno):
        if self.current is not None:
            self.current.end("the board booted again")
        self.boots += 1
        keep = self.want is None or self.boots == self.want
        observers = [f() for f in self.observer_factories] if keep else []
        if keep and self.on_record is not None:
            observers.append(_RecordTap(self.on_record))
        self.current = Boot(self.boots, lineno, observers)
        if keep:
            self.boot = self.current

    def _boundary(self, prefix, segs):
        """True if this line starts a new boot."""
        cur = self.current
        if cur is None:
            return True
        if prefix and "OpenSBI v" in prefix and OPENSBI_RE.match(prefix):
            return cur.kernel_lines > 0 or "version" in cur.opensbi
        if segs and cur.kernel_lines:
            text = segs[0][1]
            if text.startswith("Booting on hart"):
                return True
            if text.startswith("@boot ") and cur.boot_rec is not None:
                return True
        return False

    def run(self):
        """Read everything (or until a live source stops); returns self."""
        src = self.source
        try:
            for lineno, text, terminated in src.lines():
                self.lines = lineno
                stamped = segments(text)
                if self._boundary(*stamped):
                    if self.want is not None and self.boots == self.want and not src.live:
                        break       # the wanted boot is complete
                    self._new_boot(lineno)
                cur = self.current
                cur.line(lineno, text, terminated, stamped)
                if src.live and (self.want is None or self.boots >= self.want):
                    self._live_stop(cur)
        except KeyboardInterrupt:
            src.stop("interrupted")
        if self.current is not None:
            why = "the log ended"
            if src.end_reason:
                why = "the capture ended (%s)" % src.end_reason
            self.current.end(why)
        return self

    def _live_stop(self, cur):
        if cur.summary_rec is not None:
            self.source.stop("@summary")
        elif cur.oops_count:
            if cur.oops_open is None:
                self.source.stop("end of the oops")
            else:
                self.source.stop_when_quiet()


class _RecordTap:
    """An observer that passes every record on (`uartlog records`)."""

    def __init__(self, fn):
        self.fn = fn

    def line(self, boot, t, lineno):
        pass

    def record(self, boot, rec):
        self.fn(rec)

    def dump(self, boot, dump):
        pass

    def end(self, boot):
        pass
