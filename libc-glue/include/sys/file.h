/*
 * uniarm's <sys/file.h>, in place of newlib's (which is its <sys/fcntl.h>, newlib's values):
 * <fcntl.h> and flock's operations with Linux's values, as glibc's.
 */
#ifndef _SYS_FILE_H
#define _SYS_FILE_H

#include <fcntl.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

int flock(int fd, int operation);

#ifdef __cplusplus
}
#endif

#endif
