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


@scenario(board="qemu-virt", bootargs="selftest=all stress.duration=0", ktap=True)
def selftest_all(run):
    check_suites(run, ["boot"])


@scenario(board="qemu-sifive-u", bootargs="selftest=all stress.duration=0", ktap=True)
def selftest_all_sifive_u(run):
    check_suites(run, ["boot"])


@scenario(board="qemu-virt", mem="1G", bootargs="selftest=all stress.duration=0", ktap=True)
def selftest_all_1g(run):
    check_suites(run, ["boot"])


@scenario(board="qemu-virt", bootargs="selftest=boot,nosuch stress.duration=0")
def selftest_unknown_suite(run):
    run.expect_exit(0)
    run.expect_line("selftest: no suite named 'nosuch'")
    assert [r["suite"] for r in run.log.find("selftest")] == ["boot"]
