"""uartlog: a UART capture of the firmware in, a verdict, a diagnosis and a report out.

  uartlog summary LOG            verdict and statistics; exit 0 pass, 1 fail, 2 unusable/incomplete
  uartlog check LOG              invariants over the records; exit 1 on any violation
  uartlog report LOG -o F.html   self-contained HTML report with charts
  uartlog diff A B               two runs side by side
  uartlog records LOG            the record stream as a table (--kind, --csv, --json)

LOG is a file, "-" for stdin, or a serial device (a UART, a pty) read live
with --baud. Every command takes --json.
"""
import argparse
import csv
import json
import os
import sys
import time

from . import summary as summ
from .checks import Checker
from .series import SeriesCollector
from .source import Source
from .stream import Capture
from .symbols import Symbolizer, default_elf


def _input_args(p):
    p.add_argument("log", help='capture file, "-" for stdin, or a serial device')
    p.add_argument("--baud", type=int, help="read LOG as a serial device at this rate (raw, 8N1)")
    p.add_argument("--capture", metavar="FILE",
                   help="where a live capture is written (default uart-<date>-<time>.log)")
    p.add_argument("--timeout", type=float, help="stop a live capture after this many seconds")
    p.add_argument("-q", "--quiet", action="store_true", help="do not echo a live capture")
    p.add_argument("--boot", type=int, metavar="N", help="analyse boot N of the capture (default: the last)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _elf_args(p):
    p.add_argument("--elf", help="firmware ELF for symbols (default: build/<board>/firmware.elf "
                                 "for the board named in @boot)")
    p.add_argument("--no-elf", action="store_true", help="do not symbolise")
    p.add_argument("--addr2line", help="addr2line program (default: the cross toolchain's)")


def parser():
    ap = argparse.ArgumentParser(prog="uartlog", description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.splitlines()[2:8]))
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser("summary", help="verdict, statistics, errors, leaks, oopses")
    _input_args(p)
    _elf_args(p)
    p = sub.add_parser("check", help="invariants over the record stream")
    _input_args(p)
    p = sub.add_parser("report", help="self-contained HTML report")
    _input_args(p)
    _elf_args(p)
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p = sub.add_parser("diff", help="two runs side by side")
    _input_args(p)
    p.add_argument("other", help="the second capture")
    p = sub.add_parser("records", help="the record stream as a table")
    _input_args(p)
    p.add_argument("--kind", action="append", help="only records of this kind (repeatable)")
    p.add_argument("--csv", action="store_true", help="CSV (with --kind K: one column per key)")
    return ap


def open_source(args, path):
    src = Source(path, baud=args.baud, timeout=args.timeout)
    if src.live:
        src.capture = args.capture or time.strftime("uart-%Y%m%d-%H%M%S.log")
        if not args.quiet:
            src.echo = sys.stderr.buffer
    return src


def read(args, path, observers=(), on_record=None):
    """Run a Capture over path; returns it (exits 2 if the wanted boot is missing)."""
    src = open_source(args, path)
    try:
        cap = Capture(src, want=args.boot, observers=observers, on_record=on_record).run()
    except BrokenPipeError:
        raise
    except OSError as e:
        sys.exit("uartlog: %s: %s" % (path, e.strerror or e))
    if src.live and src.capture:
        print("uartlog: capture written to %s" % src.capture, file=sys.stderr)
    if cap.boot is None and on_record is None:
        if args.boot:
            print("uartlog: %s has %d boot(s), no boot %d" % (path, cap.boots, args.boot), file=sys.stderr)
        else:
            print("uartlog: %s is empty" % path, file=sys.stderr)
        sys.exit(2)
    return cap


def symbolizer(args, boot):
    if getattr(args, "no_elf", False):
        return None
    elf = args.elf or default_elf(boot.boot_rec)
    if elf is None:
        return None
    return Symbolizer(elf, addr2line=args.addr2line)


def _emit_json(obj):
    json.dump(obj, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


def cmd_summary(args):
    cap = read(args, args.log)
    d = summ.build(cap.boot, cap, symbolizer(args, cap.boot))
    if args.json:
        _emit_json(d)
    else:
        print(summ.text(d))
    return d["exit_status"]


def cmd_check(args):
    cap = read(args, args.log, observers=(Checker,))
    boot = cap.boot
    checker = boot.observers[0]
    verdict, _ = boot.verdict()
    if args.json:
        _emit_json({"source": args.log, "boot": boot.index, "boots": cap.boots,
                    "verdict": verdict, "violation_count": checker.count,
                    "violations": [{"line": ln, "rule": r, "message": m}
                                   for ln, r, m in checker.violations]})
    else:
        for ln, rule, msg in checker.violations:
            print("%s:%d: %s: %s" % (args.log, ln, rule, msg))
        if checker.count > len(checker.violations):
            print("... %d more" % (checker.count - len(checker.violations)))
        print("%d violation%s in boot %d of %d (%d lines)" % (
            checker.count, "" if checker.count == 1 else "s", boot.index, cap.boots,
            boot.last_line - boot.first_line + 1))
    if not boot.kernel_lines:
        return 2
    return 1 if checker.count else 0


def cmd_report(args):
    from .report import render
    cap = read(args, args.log, observers=(Checker, SeriesCollector))
    boot = cap.boot
    checker, series = boot.observers[0], boot.observers[1]
    d = summ.build(boot, cap, symbolizer(args, boot), checker)
    html = render(d, series.series)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(html)
    if args.json:
        _emit_json({"output": args.output, "verdict": d["verdict"], "bytes": len(html.encode())})
    else:
        print("%s: %s, verdict %s" % (args.output, summ.human_bytes(len(html.encode())), d["verdict"]))
    return 0 if d["verdict"] != "unusable" else 2


def cmd_diff(args):
    from .diff import compare, text
    a = read(args, args.log)
    b = read(args, args.other)
    d = compare(summ.build(a.boot, a), summ.build(b.boot, b))
    if args.json:
        _emit_json(d)
    else:
        print(text(d))
    return 0


def cmd_records(args):
    kinds = set(args.kind or ())
    out = sys.stdout
    state = {"n": 0, "writer": None, "columns": None}
    base = ["boot", "line", "time", "kind"]

    def row(rec):
        if kinds and rec.kind not in kinds:
            return
        state["n"] += 1
        if args.json:
            obj = {"boot": rec.boot, "line": rec.lineno, "time": rec.time, "kind": rec.kind}
            obj["fields"] = summ.fields(rec)
            out.write(("[\n" if state["n"] == 1 else ",\n") + json.dumps(obj))
        elif args.csv:
            if state["writer"] is None:
                state["writer"] = csv.writer(out, lineterminator="\n")
                state["columns"] = list(rec) if len(kinds) == 1 else None
                state["writer"].writerow(base + (state["columns"] or ["fields"]) + (["extra"] if state["columns"] else []))
            head = [rec.boot, rec.lineno, "%.6f" % rec.time, rec.kind]
            cols = state["columns"]
            if cols is None:
                state["writer"].writerow(head + [_logfmt(rec)])
            else:
                extra = {k: v for k, v in rec.items() if k not in cols}
                state["writer"].writerow(head + [rec.get(k, "") for k in cols] + [_logfmt(extra)])
        else:
            out.write("%d %6d %12.6f %-9s %s\n" % (rec.boot, rec.lineno, rec.time, rec.kind, _logfmt(rec)))

    read(args, args.log, on_record=row)
    if args.json:
        out.write("[]\n" if state["n"] == 0 else "\n]\n")
    return 0


def _logfmt(fields):
    parts = []
    for k, v in fields.items():
        if v == "" or any(c in v for c in ' "='):
            v = '"%s"' % v.replace("\\", "\\\\").replace('"', '\\"')
        parts.append("%s=%s" % (k, v))
    return " ".join(parts)


COMMANDS = {"summary": cmd_summary, "check": cmd_check, "report": cmd_report,
            "diff": cmd_diff, "records": cmd_records}


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
