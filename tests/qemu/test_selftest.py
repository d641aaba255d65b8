"""In-firmware self-tests (selftest=...), KTAP case by case, on both boards."""
from qemutest import scenario


def check_suites(run, want):
    run.expect_exit(0)
    got = {r["suite"]: r for r in run.log.find("selftest")}
    for suite in want:
        assert suite in got, "no @selftest record for suite %s" % suite
        rec = got[suite]
        assert rec.int("failed") == 0 and rec.int("passed") > 0, rec
    assert run.record("summary")["result"] == "pass"


SUITES = ["boot", "buddy", "slab", "vmalloc"]


@scenario(board="qemu-virt", bootargs="selftest=all stress.duration=0", ktap=True)
def selftest_all(run):
    check_suites(run, SUITES)


@scenario(board="qemu-sifive-u", bootargs="selftest=all stress.duration=0", ktap=True)
def selftest_all_sifive_u(run):
    check_suites(run, SUITES)


@scenario(board="qemu-virt", mem="1G", bootargs="selftest=all stress.duration=0 page_poison=1",
          ktap=True, timeout=180)
def selftest_all_1g_poison(run):
    """Both zones, poisoning on: no case may skip."""
    check_suites(run, SUITES)
    buddy = [r for r in run.log.find("selftest") if r["suite"] == "buddy"][0]
    assert buddy.int("skipped") == 0, buddy
    zones = {r["zone"] for r in run.log.find("buddy")}
    assert zones == {"Normal", "HighMem"}, zones


@scenario(board="qemu-virt", bootargs="selftest=boot,nosuch stress.duration=0")
def selftest_unknown_suite(run):
    run.expect_exit(0)
    run.expect_line("selftest: no suite named 'nosuch'")
    assert [r["suite"] for r in run.log.find("selftest")] == ["boot"]
