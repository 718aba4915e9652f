/*
 * newlib's own open flags (its <sys/_default_fcntl.h>), with which libc.a was compiled: its
 * fopen, freopen, mkstemp and tmpfile pass these to _open_r and so to _open, which converts
 * them to Linux's (open.c). The application's <fcntl.h> has Linux's values instead.
 * newlib_fcntl_check.c compares them with newlib's header.
 */
#ifndef UNIARM_LIBC_GLUE_NEWLIB_FCNTL_H
#define UNIARM_LIBC_GLUE_NEWLIB_FCNTL_H

#define NEWLIB_O_ACCMODE   0x0003
#define NEWLIB_O_APPEND	   0x0008
#define NEWLIB_O_CREAT	   0x0200
#define NEWLIB_O_TRUNC	   0x0400
#define NEWLIB_O_EXCL	   0x0800
#define NEWLIB_O_SYNC	   0x2000
#define NEWLIB_O_NONBLOCK  0x4000
#define NEWLIB_O_NOCTTY	   0x8000
#define NEWLIB_O_CLOEXEC   0x40000
#define NEWLIB_O_DIRECT	   0x80000
#define NEWLIB_O_NOFOLLOW  0x100000
#define NEWLIB_O_DIRECTORY 0x200000

#endif
