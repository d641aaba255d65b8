"""Inline SVG charts for the HTML report: no script, no external resource.

A chart is a time axis (seconds since boot) against one quantity, with
one polyline per series (or stacked areas), grid lines at round values,
and a legend. A chart with no data says so instead of drawing axes.
"""
import math
from html import escape

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939")
WIDTH, HEIGHT = 880, 280
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 72, 170, 28, 40


def nice_step(span, ticks=5):
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def fmt_value(v, unit=""):
    """A tick label: 1.5k, 2M, 0.25, with binary prefixes for bytes."""
    if unit == "B":
        for p in ("B", "KiB", "MiB", "GiB"):
            if abs(v) < 1024 or p == "GiB":
                return ("%g %s" % (round(v, 1), p))
            v /= 1024.0
    if abs(v) >= 1e6:
        return "%gM" % round(v / 1e6, 2)
    if abs(v) >= 1e3:
        return "%gk" % round(v / 1e3, 2)
    return "%g" % round(v, 3)


def chart(title, series, unit="", stacked=False, y_max=None, note="", t_range=None):
    """SVG text of a chart; series = [(label, [(t, v), ...])].

    t_range (first, last) spans the time axis over the whole boot, so that
    every chart of a report shares it; by default it spans the data.
    """
    series = [(label, pts) for label, pts in series if pts]
    head = '<figure class="chart"><figcaption>%s</figcaption>' % escape(title)
    if not series:
        return head + '<p class="nodata">no data in this log%s</p></figure>' % (
            (": " + escape(note)) if note else "")
    if stacked:
        series = _stack(series)
    ts = [t for _, pts in series for t, _ in pts]
    vs = [v for _, pts in series for _, v in pts]
    t0, t1 = min(ts), max(ts)
    if t_range is not None:
        t0, t1 = min(t0, t_range[0]), max(t1, t_range[1])
    if t1 - t0 < 1e-6:
        t0, t1 = t0 - 0.5, t1 + 0.5
    top = y_max if y_max is not None else max(vs)
    if top <= 0:
        top = 1.0
    scale = 1024 ** int(math.log(top, 1024)) if unit == "B" and top >= 1024 else 1
    step = nice_step(top / scale) * scale
    top = math.ceil(top / step) * step
    pw, ph = WIDTH - MARGIN_L - MARGIN_R, HEIGHT - MARGIN_T - MARGIN_B

    def x(t):
        return MARGIN_L + (t - t0) / (t1 - t0) * pw

    def y(v):
        return MARGIN_T + ph - (v / top) * ph

    # inline in an HTML5 page: the parser puts <svg> in the SVG namespace
    out = [head, '<svg width="%d" height="%d" viewBox="0 0 %d %d" '
                 'role="img" aria-label="%s">' % (WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title, True))]
    out.append('<rect class="plot" x="%d" y="%d" width="%d" height="%d" fill="#fcfcfc" stroke="#999"/>'
               % (MARGIN_L, MARGIN_T, pw, ph))
    v = 0.0
    while v <= top + step / 2:
        out.append('<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e0e0e0"/>'
                   % (MARGIN_L, MARGIN_L + pw, y(v), y(v)))
        out.append('<text x="%d" y="%.1f" text-anchor="end" font-size="11">%s</text>'
                   % (MARGIN_L - 6, y(v) + 4, escape(fmt_value(v, unit))))
        v += step
    tstep = nice_step(t1 - t0, 8)
    t = math.ceil(t0 / tstep) * tstep
    while t <= t1 + 1e-9:
        out.append('<line class="grid" x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#eeeeee"/>'
                   % (x(t), x(t), MARGIN_T, MARGIN_T + ph))
        out.append('<text x="%.1f" y="%d" text-anchor="middle" font-size="11">%s</text>'
                   % (x(t), MARGIN_T + ph + 16, escape(fmt_value(t))))
        t += tstep
    out.append('<text x="%d" y="%d" text-anchor="middle" font-size="11">seconds since boot</text>'
               % (MARGIN_L + pw // 2, HEIGHT - 6))
    for i, (label, pts) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        if stacked:
            out.append(_area(pts, x, y, color, i, series))
        coords = " ".join("%.1f,%.1f" % (x(t), y(v)) for t, v in pts)
        out.append('<polyline class="series" fill="none" stroke="%s" stroke-width="2" points="%s">'
                   '<title>%s</title></polyline>' % (color, coords, escape(label)))
        if len(pts) == 1:
            (t, v), = pts
            out.append('<circle class="series" cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>' % (x(t), y(v), color))
        ly = MARGIN_T + 6 + i * 16
        out.append('<rect x="%d" y="%d" width="12" height="10" fill="%s"/>' % (WIDTH - MARGIN_R + 12, ly, color))
        out.append('<text x="%d" y="%d" font-size="11">%s</text>' % (WIDTH - MARGIN_R + 30, ly + 9,
                                                                     escape(label)))
    out.append("</svg>")
    if note:
        out.append('<p class="note">%s</p>' % escape(note))
    out.append("</figure>")
    return "".join(out)


def _stack(series):
    """Cumulative sums of series sampled at the same times (the lower ones first)."""
    acc = {}
    out = []
    for label, pts in series:
        stacked = []
        for t, v in pts:
            acc[t] = acc.get(t, 0) + v
            stacked.append((t, acc[t]))
        out.append((label, stacked))
    return out


def _area(pts, x, y, color, i, series):
    """The filled band between this stacked series and the one below it."""
    below = dict(series[i - 1][1]) if i > 0 else {}
    upper = " ".join("%.1f,%.1f" % (x(t), y(v)) for t, v in pts)
    lower = " ".join("%.1f,%.1f" % (x(t), y(below.get(t, 0))) for t, _ in reversed(pts))
    return '<polygon class="area" fill="%s" fill-opacity="0.35" stroke="none" points="%s %s"/>' % (
        color, upper, lower)
