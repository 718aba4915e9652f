#!/bin/sh
# patch-app-image.sh OBJCOPY IMAGE OFFSET BYTES: overwrite the application's ELF file in IMAGE
# (its .app_image section, platform/app_image.S) at OFFSET with BYTES (printf escapes, e.g.
# '\003\000'), so that the tests of runtime/exec.c can boot an image whose application file
# is broken in one known way.
set -eu
objcopy=$1 image=$2 offset=$3 bytes=$4
app=$(mktemp)
trap 'rm -f "$app"' EXIT
"$objcopy" --dump-section=.app_image="$app" "$image" /dev/null
printf "$bytes" | dd of="$app" bs=1 seek="$offset" conv=notrunc 2>/dev/null
"$objcopy" --update-section=.app_image="$app" "$image"
