#!/usr/bin/env bash
# The zlib benchmark on the Linux peer: zlib and main.c built with the same compiler and the
# same flags as uniarm's images (clang -O2, Cortex-A15 hard float, ARM state, frame pointers and
# unwind tables: cmake/toolchain-armv7.cmake and the RelWithDebInfo build type) against static
# glibc, run as /init under the same QEMU with -icount shift=0,sleep=off. Prints the figure
# that apps/bench-zlib/main.c keeps as LINUX_INSNS.
# Run from the project root; needs ../shared/peer/linux (the peer) and binutils-source.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peer=${UNIARM_PEER:-$root/../shared/peer/linux}
tarball=$(ls /usr/src/binutils/binutils-*.tar.xz | head -1)
sysroot=${PEER_DIR:-/tmp/uniarm-linux-peer}/x
[ -d "$sysroot" ] || "$peer/run.sh" >/dev/null
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
tar -C "$w" -xf "$tarball" --wildcards '*/zlib/*.[ch]'
z=$(ls -d "$w"/*/zlib)
flags=(-O2 -DNDEBUG -marm -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard -fno-omit-frame-pointer
	-funwind-tables -ffunction-sections -fdata-sections)
for f in adler32 compress crc32 deflate inffast inflate inftrees trees uncompr zutil; do
	clang --target=arm-linux-gnueabihf --sysroot="$sysroot" "${flags[@]}" -c "$z/$f.c" -o "$w/$f.o"
done
llvm-ar rcs "$w/libz.a" "$w"/*.o
ALL=1 "$peer/run-c.sh" "$root/apps/bench-zlib/main.c" --icount -- "${flags[@]}" -I"$z" "$w/libz.a" |
	grep -E '^(input|level|zlib|all|some|exit)'
