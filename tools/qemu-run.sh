#!/usr/bin/env bash
# Boot the firmware on a QEMU board over OpenSBI; the one place that knows
# the QEMU command line (used by `make run`, `make bench` and the tests).
#
#   tools/qemu-run.sh [--board B] [--kernel F] [--append "ARGS"] [--icount]
#                     [--mem SIZE] [--smp N] [--initrd F] [--gdb] [-- QEMU ARGS]
#
# The board's defaults come from board/<B>/board.conf. OPENSBI=/path overrides
# the M-mode firmware. QEMU exits when the firmware powers the board off.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
board=qemu-virt kernel= append= icount=0 mem= smp= initrd= gdb=0
while [ $# -gt 0 ]; do
	case "$1" in
	--board) board=$2; shift ;;
	--kernel) kernel=$2; shift ;;
	--append) append=$2; shift ;;
	--icount) icount=1 ;;
	--mem) mem=$2; shift ;;
	--smp) smp=$2; shift ;;
	--initrd) initrd=$2; shift ;;
	--gdb) gdb=1 ;;
	--) shift; break ;;
	*) echo "qemu-run: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done
conf="$top/board/$board/board.conf"
[ -f "$conf" ] || { echo "qemu-run: no board '$board' (no $conf)" >&2; exit 2; }
# shellcheck disable=SC1090
. "$conf"
[ -n "$kernel" ] || kernel="$top/build/$board/firmware.bin"
[ -f "$kernel" ] || { echo "qemu-run: no kernel image '$kernel' (run make)" >&2; exit 2; }

fw=${OPENSBI:-}
if [ -z "$fw" ]; then
	for f in /usr/lib/riscv32-linux-gnu/opensbi/generic/fw_dynamic.bin \
		"$top/build/opensbi/usr/lib/riscv32-linux-gnu/opensbi/generic/fw_dynamic.bin"; do
		[ -f "$f" ] && { fw=$f; break; }
	done
fi
[ -n "$fw" ] && [ -f "$fw" ] || { echo "qemu-run: no riscv32 OpenSBI (run tools/install-deps.sh or set OPENSBI=)" >&2; exit 2; }

args=(-M "$QEMU_MACHINE" -m "${mem:-$QEMU_MEM}" -smp "${smp:-$QEMU_SMP}"
	-nographic
	-bios "$fw" -kernel "$kernel")
append="${BOARD_BOOTARGS:-}${BOARD_BOOTARGS:+${append:+ }}$append"
[ -n "$append" ] && args+=(-append "$append")
[ -n "$initrd" ] && args+=(-initrd "$initrd")
[ "$icount" = 1 ] && args+=(-icount shift=0)
[ "$gdb" = 1 ] && args+=(-s -S)
# shellcheck disable=SC2206
[ -n "${QEMU_BOARD_FLAGS:-}" ] && args+=($QEMU_BOARD_FLAGS)
exec qemu-system-riscv32 "${args[@]}" "$@"
