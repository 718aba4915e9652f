#!/bin/sh
# uniarm-run's test: under gdb (tools/uniarm.gdb) the application's fatal fault stops at the
# faulting instruction, and "continue" lets the runtime report it and end the run with its
# status. gdb.sh RUNNER GDB SCRIPT IMAGE; prints gdb's and the run's output and the status.
runner=$1 gdb=$2 script=$3 image=$4
. "$(dirname "$0")/wait_for.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
port=$(perl -MSocket -e 'socket(S, PF_INET, SOCK_STREAM, 0) or die;
	bind(S, pack_sockaddr_in(0, INADDR_LOOPBACK)) or die;
	print((sockaddr_in(getsockname(S)))[0])')
"$runner" "$image" --gdb="$port" --timeout 80 </dev/null >"$out" 2>&1 &
pid=$!
wait_for_listen "$port" || { echo "QEMU does not listen on $port"; cat "$out"; exit 1; }
# The application's symbols, from the copy of its ELF file in the image (as uniarm-debug).
app=$(mktemp)
trap 'rm -f "$out" "$app"' EXIT
llvm-objcopy --dump-section=.app_image="$app" "$image" /dev/null
"$gdb" -batch -nx -x "$script" -ex "add-symbol-file $app" -ex "target remote 127.0.0.1:$port" \
	-ex continue -ex bt -ex 'x/i $pc' -ex continue "$image" 2>&1
wait $pid
status=$?
cat "$out"
echo "exit status $status"
