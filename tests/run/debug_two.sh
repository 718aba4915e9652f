#!/bin/sh
# tools/uniarm-debug's test: two sessions at once (each on its own free port), each stopping
# at the application's fault and ending with its status when continued.
debug=$1 image=$2
a=$(mktemp) b=$(mktemp)
trap 'rm -f "$a" "$b"' EXIT
printf 'continue\nbt 1\ncontinue\n' | "$debug" "$image" >"$a" 2>&1 &
pa=$!
printf 'continue\nbt 1\ncontinue\n' | "$debug" "$image" >"$b" 2>&1 &
pb=$!
wait $pa
sa=$?
wait $pb
sb=$?
cat "$a"
echo "first session: exit status $sa"
cat "$b"
echo "second session: exit status $sb"
