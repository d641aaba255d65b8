"""The /proc/meminfo and /proc/vmstat dumps and the @vm record: Linux's
fields in Linux's order, figures that add up, and procps free and vmstat -s
reading them as they read Linux's files (where the host lets an
unprivileged user bind a dump over /proc/meminfo in a private namespace)."""
import re
import shutil
import subprocess
import tempfile

from qemutest import scenario

MEMINFO = ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
           "Active", "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)",
           "Inactive(file)", "Unevictable", "Mlocked", "HighTotal", "HighFree",
           "LowTotal", "LowFree", "SwapTotal", "SwapFree", "Dirty", "Writeback",
           "AnonPages", "Mapped", "Shmem", "KReclaimable", "Slab", "SReclaimable",
           "SUnreclaim", "KernelStack", "PageTables", "NFS_Unstable", "Bounce",
           "WritebackTmp", "CommitLimit", "Committed_AS", "VmallocTotal",
           "VmallocUsed", "VmallocChunk"]
VMSTAT = ["nr_free_pages", "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_anon_pages",
          "nr_shmem", "nr_kernel_stack", "nr_page_table_pages", "pgalloc_normal",
          "pgalloc_high", "pgfree", "pgfault", "pgmajfault"]
MEMINFO_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_()]*):\s+(\d+) kB$")
VMSTAT_RE = re.compile(r"^([a-z][a-z0-9_]*) (\d+)$")


def dump(texts, first, line_re):
    """The last dump starting with a line that starts with first: [(name, value)]."""
    starts = [i for i, t in enumerate(texts) if t.startswith(first)]
    assert starts, "no dump starting with %r" % first
    rows = []
    for t in texts[starts[-1]:]:
        m = line_re.match(t.strip())
        if not m:
            break
        rows.append((m.group(1), int(m.group(2))))
    return rows


def procps(meminfo_text, *cmd):
    """Output of cmd with the dump bound over /proc/meminfo, or None if the
    host does not allow it (no unprivileged user namespaces)."""
    if not shutil.which("unshare") or not shutil.which(cmd[0]):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".meminfo") as f:
        f.write(meminfo_text)
        f.flush()
        p = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                            'mount --bind "$0" /proc/meminfo && exec "$@"', f.name] + list(cmd),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=20)
    if p.returncode != 0 and ("unshare" in p.stderr or "mount" in p.stderr):
        return None
    assert p.returncode == 0, p.stderr
    return p.stdout


def check_reports(run, highmem):
    run.expect_exit(0)
    texts = run.log.texts()
    mi = dump(texts, "MemTotal:", MEMINFO_RE)
    assert [k for k, _ in mi] == MEMINFO, [k for k, _ in mi]
    m = dict(mi)
    assert m["MemTotal"] == m["LowTotal"] + m["HighTotal"]
    assert m["MemFree"] == m["LowFree"] + m["HighFree"]
    assert (m["HighTotal"] > 0) == highmem, m
    assert m["Slab"] == m["SReclaimable"] + m["SUnreclaim"] > 0
    assert 0 < m["MemAvailable"] <= m["MemFree"] + m["SReclaimable"]
    assert m["VmallocTotal"] == (0xf8000000 - 0xe0000000) // 1024
    assert m["CommitLimit"] > 0 and m["SwapTotal"] == m["SwapFree"] == 0

    vs = dump(texts, "nr_free_pages ", VMSTAT_RE)
    assert [k for k, _ in vs] == VMSTAT, [k for k, _ in vs]
    v = dict(vs)
    # the dump follows the @buddy records with nothing allocated in between
    free = sum(r.int("free") + r.int("pcp") for r in run.log.find("buddy"))
    assert v["nr_free_pages"] == free, (v["nr_free_pages"], free)
    assert v["pgalloc_normal"] > 0 and v["pgfree"] > v["pgalloc_normal"], v
    assert (v["pgalloc_high"] > 0) == highmem, v
    # the boot freed every frame once, and each allocated since is free again or in use
    assert v["pgfree"] - v["pgalloc_normal"] - v["pgalloc_high"] == v["nr_free_pages"], v
    assert v["nr_slab_reclaimable"] + v["nr_slab_unreclaimable"] > 0

    vm = run.record("vm")
    for key in ("pgfault", "zero", "cow", "cow_reuse", "segv", "stackgrow", "fixup",
                "mms", "tasks", "vmas"):
        assert key in vm, "@vm lacks %s=" % key
    # init and every program reaped by the end of the run; the workers stay
    assert vm.int("tasks") == run.kworkers()
    assert vm.int("pgfault") == v["pgfault"]

    text = "".join("%-16s%8d kB\n" % (k + ":", val) for k, val in mi)
    out = procps(text, "free", "-k")
    if out is not None:
        row = next(line.split() for line in out.splitlines() if line.startswith("Mem:"))
        total, free_col, available = int(row[1]), int(row[3]), int(row[6])
        assert (total, free_col, available) == (m["MemTotal"], m["MemFree"], m["MemAvailable"]), row
        buff_cache = int(row[5])
        assert buff_cache == m["Buffers"] + m["Cached"] + m["SReclaimable"], row
        out = procps(text, "vmstat", "-s")
        assert re.search(r"^\s*%d K total memory$" % m["MemTotal"], out, re.M), out
        assert re.search(r"^\s*%d K free memory$" % m["MemFree"], out, re.M), out


@scenario(board="qemu-virt", bootargs="selftest=buddy,uaccess stress.duration=0")
def reports_virt(run):
    check_reports(run, highmem=False)


@scenario(board="qemu-virt", mem="1G", bootargs="selftest=buddy stress.duration=0", timeout=120)
def reports_virt_1g(run):
    """Both zones: pgalloc_high and the high/low split are real figures."""
    check_reports(run, highmem=True)


@scenario(board="qemu-sifive-u", bootargs="selftest=uaccess stress.duration=0")
def reports_sifive_u(run):
    check_reports(run, highmem=False)
