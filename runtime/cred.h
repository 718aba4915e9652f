/*
 * The credentials of the one task (Linux's struct cred, include/linux/cred.h): real, effective,
 * saved and filesystem user and group ids and the permitted and effective capability sets, with
 * capable() as Linux's security_capable() decides it for the initial user namespace. The
 * application starts as root with every capability, as the first process of a container; the
 * set*id calls (runtime/cred.c) change the ids with Linux's rules and, like Linux's
 * cap_emulate_setxuid, take the capabilities away when no uid stays 0.
 */
#ifndef UNIARM_RUNTIME_CRED_H
#define UNIARM_RUNTIME_CRED_H

#include <stdbool.h>
#include <stdint.h>

/* The capabilities the runtime checks (uapi/linux/capability.h numbers). */
#define CAP_DAC_OVERRIDE 1
#define CAP_SETGID	 6
#define CAP_SETUID	 7
#define CAP_IPC_LOCK	 14
#define CAP_SYS_RAWIO	 17
#define CAP_SYS_ADMIN	 21
#define CAP_SYS_RESOURCE 24
#define CAP_LAST_CAP	 40 /* CAP_CHECKPOINT_RESTORE, Linux 6.1 */
#define CAP_FULL_SET	 ((UINT64_C(1) << (CAP_LAST_CAP + 1)) - 1)

typedef uint32_t kuid_t;
typedef uint32_t kgid_t;
typedef uint64_t kernel_cap_t;

struct cred {
	kuid_t uid, euid, suid, fsuid;
	kgid_t gid, egid, sgid, fsgid;
	kernel_cap_t cap_permitted, cap_effective;
};

extern struct cred init_cred;
#define current_cred() (&init_cred)

/* Whether the task has the capability in its effective set (Linux's capable()). */
static inline bool capable(int cap)
{
	return (current_cred()->cap_effective >> cap) & 1;
}

/* vm/mlock.c: whether the task may lock memory at all (RLIMIT_MEMLOCK != 0 or CAP_IPC_LOCK),
 * and Linux's mlock_future_check for a new locked mapping (-EAGAIN past RLIMIT_MEMLOCK). */
struct mm_struct;
bool can_do_mlock(void);
int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len);

/* Linux's ARM system-call numbers of the id calls (16-bit legacy and the *32 ones). */
#define __NR_setuid16	 23
#define __NR_getuid16	 24
#define __NR_setgid16	 46
#define __NR_getgid16	 47
#define __NR_geteuid16	 49
#define __NR_getegid16	 50
#define __NR_setreuid16	 70
#define __NR_setregid16	 71
#define __NR_setresuid16 164
#define __NR_getresuid16 165
#define __NR_setresgid16 170
#define __NR_getresgid16 171
#define __NR_getuid32	 199
#define __NR_getgid32	 200
#define __NR_geteuid32	 201
#define __NR_getegid32	 202
#define __NR_setreuid32	 203
#define __NR_setregid32	 204
#define __NR_setresuid32 208
#define __NR_getresuid32 209
#define __NR_setresgid32 210
#define __NR_getresgid32 211
#define __NR_setuid32	 213
#define __NR_setgid32	 214
#define __NR_setfsuid32	 215
#define __NR_setfsgid32	 216

long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_setuid(uint32_t uid);
long sys_setgid(uint32_t gid);
long sys_setreuid(uint32_t ruid, uint32_t euid);
long sys_setregid(uint32_t rgid, uint32_t egid);
long sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid);
long sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid);
long sys_getresuid(uint32_t *ruid, uint32_t *euid, uint32_t *suid);
long sys_getresgid(uint32_t *rgid, uint32_t *egid, uint32_t *sgid);
long sys_setfsuid(uint32_t uid);
long sys_setfsgid(uint32_t gid);
/* The 16-bit calls: -1 as 0xffff, ids above 65535 read as the overflow id 65534. */
long sys_getuid16(void);
long sys_geteuid16(void);
long sys_getgid16(void);
long sys_getegid16(void);
long sys_setuid16(uint32_t uid);
long sys_setgid16(uint32_t gid);
long sys_setreuid16(uint32_t ruid, uint32_t euid);
long sys_setregid16(uint32_t rgid, uint32_t egid);
long sys_setresuid16(uint32_t ruid, uint32_t euid, uint32_t suid);
long sys_setresgid16(uint32_t rgid, uint32_t egid, uint32_t sgid);
long sys_getresuid16(uint16_t *ruid, uint16_t *euid, uint16_t *suid);
long sys_getresgid16(uint16_t *rgid, uint16_t *egid, uint16_t *sgid);

#endif
