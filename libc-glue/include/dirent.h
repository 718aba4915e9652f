/*
 * uniarm's <dirent.h>, in place of newlib's (which stops with "<dirent.h> not supported" on
 * this target): directory streams over the getdents64 system call, with glibc's names.
 *
 * struct dirent is the kernel's struct linux_dirent64 with d_name[256]: glibc's layout with a
 * 64-bit off_t (and musl's), 280 bytes. readdir returns each record where getdents64 put it
 * in the stream's buffer, as glibc does, so a record may be shorter than sizeof(struct
 * dirent): copy d_name with strcpy, not the whole structure. d_ino is the whole 64-bit inode
 * number (newlib's ino_t in struct stat has 16 bits).
 */
#ifndef _DIRENT_H_
#define _DIRENT_H_
/* newlib's <sys/dirent.h> is its #error: keep it out. */
#define _SYS_DIRENT_H

#include <sys/cdefs.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct dirent {
	__uint64_t d_ino;
	__int64_t d_off; /* the position after this entry (telldir's value) */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

#define _DIRENT_HAVE_D_RECLEN
#define _DIRENT_HAVE_D_OFF
#define _DIRENT_HAVE_D_TYPE

#if __MISC_VISIBLE
/* d_type values: the file type bits of st_mode, shifted down. */
#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12
#define DT_WHT	   14

#define IFTODT(mode) (((mode)&0170000) >> 12)
#define DTTOIF(type) ((type) << 12)

#define MAXNAMLEN 255
#endif

/* A directory stream (libc-glue/file/dirent.c). */
typedef struct __dirstream DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *dir);
void rewinddir(DIR *dir);
int closedir(DIR *dir);
#if __MISC_VISIBLE || __POSIX_VISIBLE >= 200809
int dirfd(DIR *dir);
#endif
#if __MISC_VISIBLE || __XSI_VISIBLE
long telldir(DIR *dir);
void seekdir(DIR *dir, long loc);
#endif
#if __MISC_VISIBLE || __POSIX_VISIBLE >= 200809
int alphasort(const struct dirent **a, const struct dirent **b);
int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **));
#endif
#if __GNU_VISIBLE
/* The system call: records of struct dirent's layout, 8-byte aligned, d_reclen apart. */
ssize_t getdents64(int fd, void *buf, size_t count);
#endif

#ifdef __cplusplus
}
#endif

#endif
