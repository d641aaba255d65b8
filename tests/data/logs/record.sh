#!/usr/bin/env bash
# Record the UART logs that tests/tools/ analyses (`make test-logs`): real
# runs of both QEMU boards, as `make run` prints them, OpenSBI's banner
# included. The tests assert what does not change from run to run (records,
# keys, verdicts), not timings, so re-recording after a firmware change
# keeps them passing unless the log format itself changed.
#
#   tests/data/logs/record.sh [OUTDIR]
set -eu
top=$(cd "$(dirname "$0")/../../.." && pwd)
out=${1:-$top/tests/data/logs}
mkdir -p "$out"

# name : board : bootargs
runs=(
	"qemu-virt:qemu-virt:"
	"qemu-virt-selftest:qemu-virt:selftest=all"
	"qemu-virt-crash-null:qemu-virt:crash=null"
	"qemu-virt-crash-panic:qemu-virt:crash=panic"
	"qemu-sifive-u:qemu-sifive-u:"
	"qemu-sifive-u-selftest:qemu-sifive-u:selftest=all"
)
for entry in "${runs[@]}"; do
	IFS=: read -r name board bootargs <<<"$entry"
	# a crash run exits non-zero on purpose: the log is what counts
	timeout 120 "$top/tools/qemu-run.sh" --board "$board" --append "$bootargs" \
		</dev/null >"$out/$name.log" 2>&1 || true
	grep -q '@boot ' "$out/$name.log" || { echo "record: $name: no @boot record" >&2; exit 1; }
	echo "  LOG     $out/$name.log"
done
