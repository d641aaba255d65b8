#!/usr/bin/env python3
"""The project's test driver (`make test`).

Runs, in order: the host unit tests (cmocka, TAP output), the host
benchmark's threaded smoke run under ThreadSanitizer, a short run of
every libFuzzer target, the QEMU scenarios in tests/qemu/ (with the KTAP
self-test cases they print), and the tool tests in tests/tools/. Prints one
line per test (PASS, FAIL or SKIP) and ends with the line
"N passed, N failed, N skipped". A skipped test (TAP or KTAP "# SKIP", a
unittest skip) is neither a pass nor a failure; a scenario that expects no
skips asserts it (qemutest.Run.expect_skips).

  tools/run-tests.py [--only PATTERN] [--fuzz-runs N] [--jobs N]
"""
import argparse
import concurrent.futures
import glob
import importlib.util
import os
import re
import subprocess
import sys
import traceback

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tools"))

import ktap  # noqa: E402
import qemutest  # noqa: E402

# "ok 1 - name", "ok 1 - name # SKIP reason", and cmocka's "not ok 1 # SKIP name"
TAP_RE = re.compile(r"^(ok|not ok) \d+(?: - (.*?))?(?: # SKIP\b ?(.*))?$")


def tap_result(line):
    """(name, status, reason) of a TAP result line, or None."""
    m = TAP_RE.match(line)
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    status, name, skip = m.groups()
    if skip is not None:
        return (name or skip).strip(), "skip", skip.strip() if name else ""
    return name.strip(), "pass" if status == "ok" else "fail", ""


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []

    def add(self, name, status, detail=""):
        """status: "pass", "fail" or "skip" (True and False mean pass and fail)."""
        if status is True or status == "pass":
            self.passed += 1
            print("PASS %s" % name, flush=True)
        elif status == "skip":
            self.skipped += 1
            print("SKIP %s%s" % (name, (": " + detail) if detail else ""), flush=True)
        else:
            self.failed += 1
            self.failures.append(name)
            print("FAIL %s%s" % (name, (": " + detail) if detail else ""), flush=True)


def run_host_tests(res, only):
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP",
               ASAN_OPTIONS="detect_leaks=1:abort_on_error=0",
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
    for binary in sorted(glob.glob(os.path.join(TOP, "build/host/test_*"))):
        suite = os.path.basename(binary)[len("test_"):]
        if only and not re.search(only, "host:" + suite):
            continue
        p = subprocess.run([binary], cwd=TOP, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=600)
        out = p.stdout.decode("utf-8", "replace")
        cases = 0
        for line in out.splitlines():
            r = tap_result(line.strip())
            if r:
                cases += 1
                res.add("host:%s:%s" % (suite, r[0]), r[1], r[2])
        if p.returncode != 0 and (cases == 0 or not re.search(r"^not ok \d+ - ", out, re.M)):
            res.add("host:%s" % suite, False,
                    "exit %d\n%s" % (p.returncode, "\n".join(out.splitlines()[-30:])))
        elif cases == 0:
            res.add("host:%s" % suite, False, "no test results in the output")


def run_fuzzers(res, only, runs):
    for binary in sorted(glob.glob(os.path.join(TOP, "build/host/fuzz_*"))):
        target = os.path.basename(binary)[len("fuzz_"):]
        if only and not re.search(only, "fuzz:" + target):
            continue
        corpus = os.path.join(TOP, "tests/fuzz/corpus", target)
        work = os.path.join(TOP, "build/fuzz-corpus", target)
        os.makedirs(work, exist_ok=True)
        cmd = [binary, "-runs=%d" % runs, "-seed=1", "-max_len=4096", work]
        if os.path.isdir(corpus):
            cmd.append(corpus)
        p = subprocess.run(cmd, cwd=TOP, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=900)
        out = p.stdout.decode("utf-8", "replace")
        res.add("fuzz:%s (%d runs)" % (target, runs), p.returncode == 0,
                "\n".join(out.splitlines()[-30:]))


def run_bench_smoke(res, only):
    """The host benchmark's threaded hand-off under ThreadSanitizer (TAP lines)."""
    name = "host:bench_tsan"
    if only and not re.search(only, name):
        return
    binary = os.path.join(TOP, "build/bench-host/bench_tsan")
    if not os.path.exists(binary):
        res.add(name, False, "not built (make build/bench-host/bench_tsan)")
        return
    p = subprocess.run([binary, "--smoke"], cwd=TOP, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    cases = [TAP_RE.match(line.strip()) for line in out.splitlines()]
    for m in filter(None, cases):
        res.add("%s:%s" % (name, m.group(2).strip()), m.group(1) == "ok")
    if p.returncode != 0 or not any(cases):
        res.add(name, False, "exit %d\n%s" % (p.returncode, "\n".join(out.splitlines()[-40:])))


def load_scenarios(only):
    qemutest.SCENARIOS.clear()
    for path in sorted(glob.glob(os.path.join(TOP, "tests/qemu/test_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    return [s for s in qemutest.SCENARIOS
            if not only or re.search(only, "qemu:%s:%s" % (s["board"], s["name"]))]


def judge(sc):
    """Boot and judge one scenario; returns a list of (name, ok, detail)."""
    label = "qemu:%s:%s" % (sc["board"], sc["name"])
    run = qemutest.boot(sc["board"], sc["bootargs"], sc["mem"], sc["smp"],
                        sc["timeout"], sc["icount"], sc["initrd"], sc["dtb"])
    out = []
    try:
        sc["fn"](run)
        out.append((label, True, ""))
    except AssertionError as e:
        tail = "\n".join(run.raw.splitlines()[-25:])
        out.append((label, False, "%s\n  cmd: %s\n--- log tail ---\n%s" % (e, run.cmd, tail)))
    except Exception:  # a broken scenario is a failure, not a crash of the driver
        out.append((label, False, traceback.format_exc()))
    if sc["ktap"]:
        try:
            suites, _ = ktap.parse(run.log.texts())
            if not suites:
                out.append((label + ":ktap", False, "no KTAP suites in the log"))
            for s in suites:
                for c in s.cases:
                    detail = c.reason if c.skip else "\n".join(c.diag)
                    out.append(("%s:%s.%s" % (label, s.name, c.name), c.status, detail))
        except ktap.KtapError as e:
            out.append((label + ":ktap", False, str(e)))
    return out


def run_qemu(res, only, jobs):
    scenarios = load_scenarios(only)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for outcome in pool.map(judge, scenarios):
            for name, ok, detail in outcome:
                res.add(name, ok, detail)


def run_tool_tests(res, only):
    for path in sorted(glob.glob(os.path.join(TOP, "tests/tools/test_*.py"))):
        name = os.path.basename(path)[:-3]
        if only and not re.search(only, "tools:" + name):
            continue
        p = subprocess.run([sys.executable, "-m", "unittest", "-v", path], cwd=TOP,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
        out = p.stdout.decode("utf-8", "replace")
        n = 0
        for m in re.finditer(r"^(\w+) \(([\w.]+)\)\s*(?:\n.*?)?\.\.\. (ok|FAIL|ERROR|skipped ?(.*))$",
                             out, re.M):
            n += 1
            status = ("skip" if m.group(3).startswith("skipped") else
                      "fail" if m.group(3) in ("FAIL", "ERROR") else "pass")
            res.add("tools:%s:%s" % (name, m.group(1)), status, m.group(4) or "")
        if p.returncode != 0 or n == 0:
            res.add("tools:%s" % name, False, "\n".join(out.splitlines()[-30:]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="regular expression on test names")
    ap.add_argument("--fuzz-runs", type=int, default=int(os.environ.get("FUZZ_SHORT_RUNS", "20000")))
    ap.add_argument("--jobs", type=int, default=max(1, os.cpu_count() or 1))
    args = ap.parse_args()
    res = Results()
    run_host_tests(res, args.only)
    run_bench_smoke(res, args.only)
    run_fuzzers(res, args.only, args.fuzz_runs)
    run_qemu(res, args.only, args.jobs)
    run_tool_tests(res, args.only)
    if res.failures:
        print("\nfailed:\n  " + "\n  ".join(res.failures))
    print("%d passed, %d failed, %d skipped" % (res.passed, res.failed, res.skipped))
    return 0 if res.failed == 0 and res.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
