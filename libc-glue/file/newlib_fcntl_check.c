/*
 * newlib_fcntl.h against newlib's own header, which no other file of the application's side
 * sees (<fcntl.h> is libc-glue's). Compile-time only: the object is empty.
 */
#include <sys/_default_fcntl.h>

#include "newlib_fcntl.h"

#define SAME(name) _Static_assert(NEWLIB_##name == name, #name " is not newlib's")
SAME(O_ACCMODE);
SAME(O_APPEND);
SAME(O_CREAT);
SAME(O_TRUNC);
SAME(O_EXCL);
SAME(O_SYNC);
SAME(O_NONBLOCK);
SAME(O_NOCTTY);
SAME(O_CLOEXEC);
SAME(O_DIRECT);
SAME(O_NOFOLLOW);
SAME(O_DIRECTORY);
