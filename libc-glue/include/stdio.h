/*
 * uniarm's <stdio.h>: newlib's, plus renameat2 and its flags with Linux's values where glibc
 * puts them (_GNU_SOURCE). rename, renameat, renameat2 and remove are libc-glue's
 * (libc-glue/file/namei.c).
 */
#ifndef UNIARM_LIBC_GLUE_STDIO_H
#define UNIARM_LIBC_GLUE_STDIO_H

#include_next <stdio.h>

#if __GNU_VISIBLE
#ifdef __cplusplus
extern "C" {
#endif
/* newlib declares it for Cygwin only. */
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags);
#ifdef __cplusplus
}
#endif

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE	 (1 << 1)
#define RENAME_WHITEOUT	 (1 << 2)
#endif
#endif

#endif
