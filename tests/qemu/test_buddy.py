"""The page frame allocator at boot and in the run's reports."""
import re

from qemutest import scenario


def zone_lines(run):
    return [t for t in run.log.texts() if t.startswith("page_alloc: zone ")]


def check_frames_accounted(run):
    """Every frame the zone received is free (buddy lists or per-CPU lists)
    or held by a known owner: slabs (cache descriptors, per-CPU arrays,
    vmalloc's area descriptors in cache vmap_area), vmalloc's page tables,
    its areas' pages and the zero page (@vm zeropage=). The end-of-run reports come after slab_report()
    shrank every cache, so the frames the shrink freed are in @buddy."""
    (normal,) = zone_lines(run)
    m = re.search(r"received (\d+) pages .* of (\d+) present, (\d+) reserved", normal)
    assert m, normal
    received, present, reserved = map(int, m.groups())
    assert received + reserved == present
    texts = run.log.texts()
    first_slab = min(i for i, t in enumerate(texts) if t.startswith("@slab "))
    first_buddy = min(i for i, t in enumerate(texts) if t.startswith("@buddy "))
    assert first_slab < first_buddy, "@buddy reported before the caches were shrunk"
    rec = run.record("buddy")
    free = sum(rec.int("o%d" % o) << o for o in range(11))
    assert free == rec.int("free"), rec
    slab_pages = sum(r.int("pages") for r in run.log.find("slab"))
    vm = run.record("vmalloc")
    held = slab_pages + vm.int("pgtables") + vm.int("pages") + run.record("vm").int("zeropage")
    assert rec.int("free") + rec.int("pcp") + held == received, \
        "free %d + pcp %d + held %d != received %d" % (rec.int("free"), rec.int("pcp"),
                                                       held, received)
    # /proc/buddyinfo at the very end agrees with @buddy
    info = [t for t in texts if t.startswith("Node 0, zone   Normal")]
    assert info and info[-1].split()[4:] == [rec["o%d" % o] for o in range(11)], info
    assert run.record("summary").int("leaked_pages") == 0
    return rec


@scenario(board="qemu-virt", bootargs="stress.duration=0")
def buddy_boot_report(run):
    run.expect_exit(0)
    boot = run.record("boot")
    assert boot.int("page_struct") <= 32, boot["page_struct"]
    # memblock_free_all says what each zone got and who holds the rest
    run.expect_line("memblock: reserved")
    check_frames_accounted(run)


@scenario(board="qemu-virt", bootargs="selftest=boot,buddy,slab,vmalloc stress.duration=0")
def buddy_frames_after_selftests(run):
    """After the self-tests, frames sit in slabs that the end-of-run shrink
    frees, and may sit on the per-CPU lists: all must be counted. (The
    built-in programs run after the self-tests and their frame check
    drains the per-CPU lists, so this cannot insist that some are there.)"""
    run.expect_exit(0)
    check_frames_accounted(run)
    assert int(re.search(r"(\d+) frames reclaimed", [t for t in run.log.texts()
               if "frames reclaimed" in t][-1]).group(1)) > 0


@scenario(board="qemu-virt", mem="1G", bootargs="stress.duration=0")
def buddy_highmem_zones(run):
    run.expect_exit(0)
    lines = zone_lines(run)
    assert len(lines) == 2 and "zone HighMem" in lines[1], lines
    run.expect_line("HighTotal:")
    zones = {r["zone"]: r for r in run.log.find("buddy")}
    assert zones["HighMem"].int("free") > 100000


@scenario(board="qemu-virt", bootargs="page_alloc.grouping=off page_alloc.grouping=maybe "
          "fail_page_alloc=101 stress.duration=0")
def buddy_bootargs(run):
    run.expect_exit(0)
    run.expect_line("page_alloc.grouping=maybe rejected")
    run.expect_line("fail_page_alloc=101 rejected: expected 0..100")
    assert run.record("summary")["result"] == "pass"
