#!/usr/bin/env bash
# Install what the project needs to build, run and test, from the
# distribution's packages (DESIGN.md section 2). Idempotent: it checks first
# and installs only what is missing, so `make` can call it every time.
#
#   tools/install-deps.sh [--check] [--opensbi-dir DIR]
#
# --check          exit 1 if anything is missing, install nothing
# --opensbi-dir    where to unpack a newer OpenSBI when the installed package
#                  lacks the riscv32 build (default: build/opensbi)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
opensbi_dir="$top/build/opensbi"
check_only=0
while [ $# -gt 0 ]; do
	case "$1" in
	--check) check_only=1 ;;
	--opensbi-dir) opensbi_dir=$2; shift ;;
	*) echo "install-deps: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done

# package : a file or command that shows it is installed : why we need it
packages=(
	"gcc-riscv64-unknown-elf:riscv64-unknown-elf-gcc:cross compiler (rv32imac/ilp32 multilib)"
	"binutils-riscv64-unknown-elf:riscv64-unknown-elf-objcopy:cross linker, objcopy, nm"
	"picolibc-riscv64-unknown-elf:/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs:C library (string functions, vsnprintf)"
	"qemu-system-misc:qemu-system-riscv32:the QEMU virt and sifive_u boards"
	"qemu-user:qemu-riscv32:tests/user programs under Linux's rv32 ABI on the host"
	"opensbi:/usr/share/doc/opensbi:M-mode firmware"
	"device-tree-compiler:dtc:device trees for tests"
	"gcc:gcc:host compiler"
	"clang:clang:host tests with sanitizers, libFuzzer"
	"libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:sanitizer and libFuzzer runtimes"
	"libcmocka-dev:/usr/include/cmocka.h:host unit test framework"
	"libjemalloc-dev:/usr/include/jemalloc/jemalloc.h:make bench-host compares the slab allocator with jemalloc"
	"libmimalloc-dev:/usr/include/mimalloc.h:make bench-host compares the slab allocator with mimalloc"
	"python3:python3:test driver and log tools"
	"chromium:chromium:tests render uartlog's HTML report in headless Chromium"
	"gdb-multiarch:gdb-multiarch:make debug"
	"cpio:cpio:initrd archives"
	"u-boot-tools:mkimage:board images"
)

have() {
	case "$1" in
	/*) [ -e "$1" ] || compgen -G "$1" >/dev/null ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

# libclang-rt's path carries the clang version; accept any version.
have_rt() {
	compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a" >/dev/null
}

missing=()
reasons=()
for entry in "${packages[@]}"; do
	IFS=: read -r pkg probe why <<<"$entry"
	if [ "$pkg" = libclang-rt-14-dev ]; then
		have_rt && continue
	elif have "$probe"; then
		continue
	fi
	missing+=("$pkg")
	reasons+=("  $pkg: $why")
done

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ ${#missing[@]} -gt 0 ]; then
	if [ $check_only -eq 1 ]; then
		echo "install-deps: missing: ${missing[*]}" >&2
		exit 1
	fi
	echo "install-deps: installing ${#missing[@]} package(s):"
	printf '%s\n' "${reasons[@]}"
	export DEBIAN_FRONTEND=noninteractive
	as_root apt-get update -qq
	as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# OpenSBI's riscv32 generic fw_dynamic.bin: the installed package if it has
# one, else the newest 'opensbi' .deb (architecture all) from a newer suite of
# the mirror this machine's apt already uses, unpacked into the build tree.
sys_fw=/usr/lib/riscv32-linux-gnu/opensbi/generic/fw_dynamic.bin
local_fw="$opensbi_dir/usr/lib/riscv32-linux-gnu/opensbi/generic/fw_dynamic.bin"
if [ -f "$sys_fw" ] || [ -f "$local_fw" ]; then
	exit 0
fi
if [ $check_only -eq 1 ]; then
	echo "install-deps: no riscv32 OpenSBI fw_dynamic.bin" >&2
	exit 1
fi

mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1)
[ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null | head -n 1)
if [ -z "$mirror" ]; then
	echo "install-deps: no apt mirror configured; set OPENSBI=/path/to/riscv32/fw_dynamic.bin" >&2
	exit 1
fi
echo "install-deps: the installed opensbi has no riscv32 build; fetching a newer"
echo "  opensbi .deb (architecture all) from $mirror into $opensbi_dir"
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/sources" "$state/pref"
: >"$state/status"
apt_private=(
	-o "Dir::State=$state" -o "Dir::State::status=$state/status"
	-o "Dir::Cache=$state/cache" -o "Dir::Etc::sourcelist=/dev/null"
	-o "Dir::Etc::sourceparts=$state/sources" -o "Dir::Etc::preferencesparts=$state/pref"
	-o "APT::Sandbox::User=root"
)
for suite in trixie sid; do
	cat >"$state/sources/newer.sources" <<SRC
Types: deb
URIs: $mirror
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	if apt-get "${apt_private[@]}" update -qq >/dev/null 2>&1 &&
		(cd "$state" && apt-get "${apt_private[@]}" download opensbi >/dev/null 2>&1); then
		deb=$(ls "$state"/opensbi_*_all.deb 2>/dev/null | head -n 1)
		if [ -n "$deb" ]; then
			mkdir -p "$opensbi_dir"
			dpkg -x "$deb" "$opensbi_dir"
			if [ -f "$local_fw" ]; then
				echo "install-deps: OpenSBI $(basename "$deb") unpacked"
				exit 0
			fi
		fi
	fi
done
echo "install-deps: could not obtain a riscv32 OpenSBI; set OPENSBI=/path/to/fw_dynamic.bin" >&2
exit 1
