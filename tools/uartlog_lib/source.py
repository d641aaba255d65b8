"""Where a capture comes from: a file, stdin, or a serial device followed live.

Whatever the source, the bytes become numbered text lines the same way:
NUL bytes dropped, CR, LF, CRLF (and CR CR LF, as some terminals write it)
each end one line, bytes that are not UTF-8 become U+FFFD. A serial device
is put in raw mode (termios, 8N1, no flow control, no echo, no line
discipline), read as the board prints, and copied to a capture file as it
arrives; the reader stops when the consumer asks (at @summary, at the end
of an oops), at Ctrl-C, when the device goes away, or after a timeout.
"""
import os
import re
import select
import stat
import sys
import termios
import time

CHUNK = 1 << 20
BREAK_RE = re.compile(r"\r*\n|\r+")
QUIET_AFTER_OOPS = 2.0      # seconds of silence that end an oops without its end line


def _split(chunks):
    """Yield (lineno, text, terminated) from an iterator of byte chunks."""
    pending = b""
    lineno = 0
    for chunk in chunks:
        if b"\0" in chunk:
            chunk = chunk.replace(b"\0", b"")
        data = pending + chunk
        # a CR at the end may be the first half of a CRLF: keep it back
        tail = data.rstrip(b"\r") if data.endswith(b"\r") else data
        cut = max(tail.rfind(b"\n"), tail.rfind(b"\r"))
        if cut < 0:
            pending = data
            continue
        head, pending = data[:cut + 1], data[cut + 1:]
        text = head.decode("utf-8", "replace")
        if "\r" in text:
            text = text.replace("\r\n", "\n")
            parts = BREAK_RE.split(text) if "\r" in text else text.split("\n")
        else:
            parts = text.split("\n")
        parts.pop()         # empty: head ends with a break
        for text in parts:
            lineno += 1
            yield lineno, text, True
    if pending:
        text = pending.rstrip(b"\r")
        yield lineno + 1, text.decode("utf-8", "replace"), len(text) < len(pending)


def is_serial(path):
    """True if path names a terminal device (a UART, a pty, a USB serial adapter)."""
    try:
        return stat.S_ISCHR(os.stat(path).st_mode) and path not in ("/dev/stdin", "/dev/null")
    except OSError:
        return False


def baud_constant(baud):
    name = "B%d" % baud
    if not hasattr(termios, name):
        raise ValueError("unsupported baud rate %d" % baud)
    return getattr(termios, name)


def set_raw(fd, baud):
    """Raw 8N1 at baud: no parity, one stop bit, no flow control, no echo."""
    iflag, oflag, cflag, lflag, _ispeed, _ospeed, cc = termios.tcgetattr(fd)
    iflag &= ~(termios.IGNBRK | termios.BRKINT | termios.PARMRK | termios.ISTRIP |
               termios.INLCR | termios.IGNCR | termios.ICRNL | termios.IXON |
               termios.IXOFF | termios.IXANY)
    oflag &= ~termios.OPOST
    lflag &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.ISIG | termios.IEXTEN)
    cflag &= ~(termios.CSIZE | termios.PARENB | termios.CSTOPB | getattr(termios, "CRTSCTS", 0))
    cflag |= termios.CS8 | termios.CREAD | termios.CLOCAL
    cc[termios.VMIN] = 1
    cc[termios.VTIME] = 0
    speed = baud_constant(baud)
    termios.tcsetattr(fd, termios.TCSANOW, [iflag, oflag, cflag, lflag, speed, speed, cc])


class Source:
    """A capture to read once: .lines() yields (lineno, text, terminated).

    path "-" is stdin. A terminal device, or any path with baud set, is
    followed live: opened raw at baud (115200 if not given), each chunk
    copied to capture (a path) and to echo (a binary stream) as it
    arrives. The consumer may call stop() (end now) or stop_when_quiet()
    (end after QUIET_AFTER_OOPS seconds without data) at any line.
    """

    def __init__(self, path, baud=None, capture=None, timeout=None, echo=None):
        self.path = path
        self.live = path != "-" and (baud is not None or is_serial(path))
        self.baud = baud or 115200
        self.capture = capture
        self.timeout = timeout
        self.echo = echo
        self.stopped = False
        self.quiet_stop = False
        self.end_reason = None      # why a live capture ended
        self._fd = None
        self._out = None

    def stop(self, reason):
        if not self.stopped:
            self.stopped = True
            self.end_reason = reason

    def stop_when_quiet(self):
        self.quiet_stop = True

    def open(self):
        """Open the device now (a live source), so the board may start printing."""
        if self.live and self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
            if os.isatty(self._fd):
                set_raw(self._fd, self.baud)
                termios.tcflush(self._fd, termios.TCIFLUSH)
            if self.capture:
                self._out = open(self.capture, "wb")

    def _file_chunks(self):
        if self.path == "-":
            f = sys.stdin.buffer
            while True:
                data = f.read1(CHUNK) if hasattr(f, "read1") else f.read(CHUNK)
                if not data:
                    return
                yield data
        else:
            with open(self.path, "rb") as f:
                while True:
                    data = f.read(CHUNK)
                    if not data:
                        return
                    yield data

    def _live_chunks(self):
        self.open()
        deadline = time.monotonic() + self.timeout if self.timeout else None
        last_data = time.monotonic()
        try:
            while not self.stopped:
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    self.stop("timeout after %g s" % self.timeout)
                    break
                if self.quiet_stop and now - last_data >= QUIET_AFTER_OOPS:
                    self.stop("quiet after the oops")
                    break
                wait = 0.2
                if deadline is not None:
                    wait = min(wait, max(0.0, deadline - now))
                ready, _, _ = select.select([self._fd], [], [], wait)
                if not ready:
                    continue
                try:
                    data = os.read(self._fd, 65536)
                except BlockingIOError:
                    continue
                except OSError:         # EIO: the other end (QEMU, a USB adapter) went away
                    self.stop("the device closed")
                    break
                if not data:
                    self.stop("the device closed")
                    break
                last_data = time.monotonic()
                if self._out:
                    self._out.write(data)
                    self._out.flush()
                if self.echo:
                    self.echo.write(data)
                    self.echo.flush()
                yield data
        except KeyboardInterrupt:
            self.stop("interrupted")
        finally:
            self.close()

    def close(self):
        if self._out:
            self._out.close()
            self._out = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def lines(self):
        chunks = self._live_chunks() if self.live else self._file_chunks()
        for item in _split(chunks):
            if self.stopped:
                return
            yield item
