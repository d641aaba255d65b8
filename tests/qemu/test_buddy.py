"""The page frame allocator at boot and in the run's reports."""
import re

from qemutest import scenario


def zone_lines(run):
    return [t for t in run.log.texts() if t.startswith("page_alloc: zone ")]


@scenario(board="qemu-virt", bootargs="stress.duration=0")
def buddy_boot_report(run):
    run.expect_exit(0)
    boot = run.record("boot")
    assert boot.int("page_struct") <= 32, boot["page_struct"]
    # memblock_free_all says what each zone got and who holds the rest
    (normal,) = zone_lines(run)
    m = re.search(r"received (\d+) pages .* of (\d+) present, (\d+) reserved", normal)
    assert m, normal
    received, present, reserved = map(int, m.groups())
    assert received + reserved == present
    run.expect_line("memblock: reserved")
    # /proc/buddyinfo and @buddy agree, and the block counts add up to free=
    rec = run.record("buddy")
    free = sum(rec.int("o%d" % o) << o for o in range(11))
    assert free == rec.int("free"), rec
    # every frame received is free again or held by a known owner: slabs
    # (cache descriptors, per-CPU arrays, vmalloc's area descriptors in
    # cache vmap_area), vmalloc's page tables and its areas' pages
    slab_pages = sum(r.int("pages") for r in run.log.find("slab"))
    vm = run.record("vmalloc")
    held = slab_pages + vm.int("pgtables") + vm.int("pages")
    assert rec.int("free") + held == received, \
        "free %d + held %d != received %d" % (rec.int("free"), held, received)
    info = [t for t in run.log.texts() if t.startswith("Node 0, zone   Normal")]
    assert info and info[-1].split()[4:] == [rec["o%d" % o] for o in range(11)], info
    assert run.record("summary").int("leaked_pages") == 0


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
