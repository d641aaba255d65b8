"""Device-tree memory the kernel must not trust whole, on a real boot.

The board's own tree (QEMU's dumpdtb with the same -m) is decompiled with
dtc, its memory node replaced, and passed back with -dtb.

dt_split_memory: 1 GiB of RAM declared as two 256 MiB banks with a 512 MiB
hole between them, plus a bank at 16 GiB that Sv32 cannot map (and that
QEMU does not have), plus a no-map reservation in lowmem. The kernel must
drop the high bank with a log line, keep the no-map RAM out of the linear
map (selftest=boot probes it), give the hole no descriptors, and run every
self-test on what is left.

dt_lowmem_hole: two banks inside the linear map's window, 256 MiB apart, so
lowmem's descriptors are not one run: the slab fast paths cover the first
bank, objects in the second take the slow paths, and every self-test runs.
"""
import os
import re

from qemutest import TOP, edited_board_dtb, scenario

LOWMEM_HOLE = """memory@80000000 {
		device_type = "memory";
		reg = <0x00 0x80000000 0x00 0x08000000>, <0x00 0x98000000 0x00 0x08000000>;
	};"""

SPLIT_MEMORY = """memory@80000000 {
		device_type = "memory";
		reg = <0x00 0x80000000 0x00 0x10000000>, <0x00 0xb0000000 0x00 0x10000000>;
	};

	memory@400000000 {
		device_type = "memory";
		reg = <0x04 0x00 0x00 0x40000000>;
	};

	reserved-memory {
		#address-cells = <0x02>;
		#size-cells = <0x02>;
		ranges;

		fw@88000000 {
			reg = <0x00 0x88000000 0x00 0x100000>;
			no-map;
		};
	};"""


def edited_dtb(name, memory):
    """A dtb function: the board's tree with its memory node replaced by memory."""
    def edit(dts):
        dts, n = re.subn(r"memory@80000000 \{[^}]*\};", memory, dts)
        assert n == 1, "no memory@80000000 node in the board's tree"
        return dts
    return edited_board_dtb(name, edit, os.path.join(TOP, "build", "dt-scenarios"))


def check_selftests(run):
    run.expect_exit(0)
    assert run.record("summary")["result"] == "pass"
    suites = {r["suite"]: r for r in run.log.find("selftest")}
    for name in ("boot", "buddy", "slab", "vmalloc"):
        assert suites[name].int("failed") == 0 and suites[name].int("passed") > 0, suites[name]


def mem_map_frames(run):
    m = [re.search(r"mem_map: (\d+) frames", t) for t in run.log.texts()]
    return [int(x.group(1)) for x in m if x]


@scenario(board="qemu-virt", mem="1G", dtb=edited_dtb("split-memory", SPLIT_MEMORY),
          ktap=True, timeout=180, bootargs="selftest=all stress.duration=0")
def dt_split_memory(run):
    check_selftests(run)
    # the bank above 16 GiB is dropped, named, with the reason
    run.expect_line("of: memory@400000000: RAM [0x400000000-0x43fffffff] ignored: "
                    "above the 34-bit physical limit of Sv32")
    # the no-map reservation is reserved and outside the linear map
    run.expect_line("of: fw@88000000: [0x88000000-0x880fffff] no-map: "
                    "its RAM is kept out of the linear map")
    run.expect_line("RAM      0x088000000-0x0880fffff     1024 KiB  no-map: outside the linear map")
    run.expect_line("reserved 0x088000000-0x0880fffff     1024 KiB  fw@88000000")
    boot = run.record("boot")
    assert boot.int("ram") == (252 + 256) << 20, boot["ram"]
    # descriptors for the banks only: 252 MiB from the kernel and 256 MiB;
    # a flat mem_map from 0x80400000 to 0xbfffffff would have 261120
    assert mem_map_frames(run) == [(508 << 20) >> 12], mem_map_frames(run)
    run.expect_line("descriptors [mem 0x080400000-0x08fffffff] 64512 frames")
    run.expect_line("descriptors [mem 0x0b0000000-0x0bfffffff] 65536 frames")
    run.expect_line("highmem  0x090000000-0x0bfffffff")
    # highmem holds the second bank and nothing of the dropped one
    zones = {r["zone"]: r for r in run.log.find("buddy")}
    assert 0 < zones["HighMem"].int("free") <= 65536, zones["HighMem"]


@scenario(board="qemu-virt", mem="512M", dtb=edited_dtb("lowmem-hole", LOWMEM_HOLE),
          ktap=True, timeout=180, bootargs="selftest=all stress.duration=0")
def dt_lowmem_hole(run):
    check_selftests(run)
    run.expect_line("lowmem   0x080400000-0x09fffffff mapped at 0xc0000000")
    run.expect_no_line("highmem  ")
    # 124 MiB from the kernel and 128 MiB, nothing for the 256 MiB between
    assert mem_map_frames(run) == [(252 << 20) >> 12], mem_map_frames(run)
    run.expect_line("descriptors [mem 0x080400000-0x087ffffff] 31744 frames")
    run.expect_line("descriptors [mem 0x098000000-0x09fffffff] 32768 frames")
