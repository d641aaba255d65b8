"""In-firmware self-tests (selftest=...), KTAP case by case, on both boards
and on every memory size from 8 MiB to 1 GiB."""
import re

from qemutest import scenario


def check_suites(run, want):
    run.expect_exit(0)
    got = {r["suite"]: r for r in run.log.find("selftest")}
    for suite in want:
        assert suite in got, "no @selftest record for suite %s" % suite
        rec = got[suite]
        assert rec.int("failed") == 0 and rec.int("passed") > 0, rec
    assert run.record("summary")["result"] == "pass"


SUITES = ["boot", "buddy", "slab", "vmalloc", "uaccess", "mm", "sched", "workqueue"]
# what a board without high memory and without page_poison cannot run
NO_HIGHMEM = {"buddy.highmem_zone": "no high memory on this board",
              "vmalloc.kmap_pool": "needs LAST_PKMAP + 1 free high memory frames"}
NO_POISON = {"buddy.poison_catches_use_after_free": "page_poison is off"}
# what a board without a free 4 MiB block (-m 16M and less) cannot run
SMALL_BOARD = {"buddy.split_1m_from_4m": "needs a free 4 MiB block to split",
               "buddy.frag_grouping": "needs 4 free pageblocks (16 MiB) in ZONE_NORMAL"}


@scenario(board="qemu-virt", bootargs="selftest=all stress.duration=0", ktap=True)
def selftest_all(run):
    check_suites(run, SUITES)
    run.expect_skips({**NO_HIGHMEM, **NO_POISON})


@scenario(board="qemu-sifive-u", bootargs="selftest=all stress.duration=0", ktap=True)
def selftest_all_sifive_u(run):
    check_suites(run, SUITES)
    run.expect_skips({**NO_HIGHMEM, **NO_POISON})


@scenario(board="qemu-virt", mem="1G", bootargs="selftest=all stress.duration=0 page_poison=1",
          ktap=True, timeout=180)
def selftest_all_1g_poison(run):
    """Both zones, poisoning on: no case may skip."""
    check_suites(run, SUITES)
    run.expect_skips({})
    zones = {r["zone"] for r in run.log.find("buddy")}
    assert zones == {"Normal", "HighMem"}, zones


def check_small_board(run, skips):
    """No free 4 MiB block: the cases that need one skip, saying so, and
    every other case runs and passes; the largest-block cases run at the
    largest order the zone has."""
    check_suites(run, SUITES)
    run.expect_skips(skips)
    m = [re.search(r"orders_aligned: the largest free block is order (\d+)", t)
         for t in run.log.texts()]
    orders = [int(x.group(1)) for x in m if x]
    assert len(orders) == 1 and 4 <= orders[0] < 10, orders
    buddy = [r for r in run.log.find("selftest") if r["suite"] == "buddy"][0]
    assert buddy.int("skipped") == len([k for k in skips if k.startswith("buddy.")]), buddy


def check_many_maps_oom(run):
    """many_maps writes ~20 MiB: on a small board the OOM killer ends it
    (the largest RSS), its memory comes back, and the run still passes."""
    ooms = run.log.find("oom")
    assert ooms and ooms[0]["name"] == "many_maps", ooms
    frames = run.record("frames")
    assert frames.int("before") == frames.int("after"), frames


@scenario(board="qemu-virt", mem="16M",
          bootargs="selftest=all stress.duration=0 expect_fail=many_maps", ktap=True)
def selftest_all_16m(run):
    check_small_board(run, {**SMALL_BOARD, **NO_HIGHMEM, **NO_POISON})
    check_many_maps_oom(run)


@scenario(board="qemu-virt", mem="8M",
          bootargs="selftest=all stress.duration=0 page_poison=1 expect_fail=many_maps",
          ktap=True, timeout=120)
def selftest_all_8m_poison(run):
    """The smallest board, poisoning on: it runs the use-after-free case too."""
    check_small_board(run, {**SMALL_BOARD, **NO_HIGHMEM})
    check_many_maps_oom(run)


@scenario(board="qemu-virt", bootargs="selftest=boot,nosuch stress.duration=0")
def selftest_unknown_suite(run):
    run.expect_exit(0)
    run.expect_line("selftest: no suite named 'nosuch'")
    assert [r["suite"] for r in run.log.find("selftest")] == ["boot"]
    run.expect_skips({})


@scenario(board="qemu-virt", bootargs="selftest=sched preempt=bogus preempt=none init=syscalls stress.duration=0",
          ktap=True)
def selftest_sched_preempt_none(run):
    """preempt=none: the kernel loops are not preempted (those cases skip
    saying so), the rest of the scheduler works, and a user program is still
    switched at its return to user mode."""
    check_suites(run, ["sched"])
    run.expect_line("bootargs: preempt=bogus rejected: expected none, voluntary or full")
    none = "preempt=none: the kernel is not preempted"
    run.expect_skips({"sched.preempt_kernel_loop": none, "sched.spinlock_holds_off_preemption": none})
    assert run.record("programs").int("failed") == 0


WORKQUEUE_CASES = {"queue_from_task", "pending_semantics", "requeue_from_itself",
                   "queue_from_irq", "delayed_fires_after_delay", "flush_delayed_now",
                   "cancel_delayed", "cancel_sync_waits_for_running",
                   "flush_waits_for_running", "on_each_cpu", "reaper_runs_as_work",
                   "vfree_from_irq", "drain_all_pages_by_work"}


def check_workqueue(run):
    """selftest=workqueue alone: every case ran and passed, one worker per
    online hart (kworker/0 on these boards), and the reaper runs as work
    (no tick hook) from boot on."""
    check_suites(run, ["workqueue"])
    run.expect_skips({})
    rec = [r for r in run.log.find("selftest") if r["suite"] == "workqueue"][0]
    assert rec.int("passed") == len(WORKQUEUE_CASES), rec
    assert run.kworkers() == 1
    run.expect_line("per-CPU reaper work every")
    passed = {m.group(1) for m in (re.match(r"\s*ok \d+ (\w+)$", t) for t in run.log.texts()) if m}
    assert WORKQUEUE_CASES <= passed, sorted(WORKQUEUE_CASES - passed)


@scenario(board="qemu-virt", bootargs="selftest=workqueue stress.duration=0", ktap=True)
def selftest_workqueue(run):
    check_workqueue(run)


@scenario(board="qemu-sifive-u", bootargs="selftest=workqueue stress.duration=0", ktap=True)
def selftest_workqueue_sifive_u(run):
    check_workqueue(run)
