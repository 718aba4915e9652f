/*
 * get_user / put_user (platform/uaccess.h): the access_ok check and one plain LDR/STR (two
 * for 8 bytes) inline, each access listed in the exception table with a fixup in
 * .text.uaccess_fixup that sets the error (and zeroes the value for get_user) and jumps back.
 * Plain LDR/STR with application memory opened around them (platform/domain.h: the
 * runtime's software PAN; LDRT/STRT would still need the domain opened). The success path of
 * a 4-byte get_user is access_ok's two compares and branch, the DACR read, opened and
 * synchronized (ISB), the load, the DACR put back, and the error register set to 0.
 */
#ifndef UNIARM_PLATFORM_UACCESS_GETPUT_H
#define UNIARM_PLATFORM_UACCESS_GETPUT_H

#include "platform/domain.h"

#ifndef UACCESS_EFAULT
#define UACCESS_EFAULT 14 /* EFAULT, as Linux and newlib number it */
#endif

/* One load or store at [addr] with an exception-table entry; on a fault err = -EFAULT and,
 * for a load, val = 0. */
#define __uaccess_ld_raw(insn, val, addr, err)                                                     \
	__asm__ volatile("1:	" insn "	%1, [%2]\n"                                               \
			 "2:\n"                                                                    \
			 "	.pushsection .text.uaccess_fixup, \"ax\"\n"                             \
			 "	.align	2\n"                                                             \
			 "3:	mov	%0, %3\n"                                                         \
			 "	mov	%1, #0\n"                                                           \
			 "	b	2b\n"                                                                 \
			 "	.popsection\n"                                                          \
			 "	.pushsection __ex_table, \"a\"\n"                                       \
			 "	.align	2\n"                                                             \
			 "	.long	1b, 3b\n"                                                         \
			 "	.popsection\n"                                                          \
			 : "+r"(err), "=&r"(val)                                                   \
			 : "r"(addr), "i"(-UACCESS_EFAULT)                                         \
			 : "memory")

#define __uaccess_st_raw(insn, val, addr, err)                                                     \
	__asm__ volatile("1:	" insn "	%1, [%2]\n"                                               \
			 "2:\n"                                                                    \
			 "	.pushsection .text.uaccess_fixup, \"ax\"\n"                             \
			 "	.align	2\n"                                                             \
			 "3:	mov	%0, %3\n"                                                         \
			 "	b	2b\n"                                                                 \
			 "	.popsection\n"                                                          \
			 "	.pushsection __ex_table, \"a\"\n"                                       \
			 "	.align	2\n"                                                             \
			 "	.long	1b, 3b\n"                                                         \
			 "	.popsection\n"                                                          \
			 : "+r"(err)                                                               \
			 : "r"(val), "r"(addr), "i"(-UACCESS_EFAULT)                               \
			 : "memory")

/* The same with application memory open for the access (platform/domain.h). */
#define __uaccess_ld(insn, val, addr, err)                                                         \
	do {                                                                                       \
		uint32_t __ua_dacr = uaccess_save_and_enable();                                    \
		__uaccess_ld_raw(insn, val, addr, err);                                            \
		uaccess_restore(__ua_dacr);                                                        \
	} while (0)
#define __uaccess_st(insn, val, addr, err)                                                         \
	do {                                                                                       \
		uint32_t __ua_dacr = uaccess_save_and_enable();                                    \
		__uaccess_st_raw(insn, val, addr, err);                                            \
		uaccess_restore(__ua_dacr);                                                        \
	} while (0)

/* The object's bytes in an integer of its size (little-endian overlay). */
#define __uaccess_union(ptr)                                                                       \
	union {                                                                                    \
		__typeof__(*(ptr)) t;                                                              \
		unsigned long w;                                                                   \
		unsigned long long d;                                                              \
	}

/* Like get_user, without access_ok. */
#define __get_user(x, ptr)                                                                         \
	({                                                                                         \
		int __gu_err = 0;                                                                  \
		__uaccess_union(ptr) __gu_u;                                                       \
		const volatile void *__gu_p = (ptr);                                               \
		_Static_assert(sizeof(*(ptr)) == 1 || sizeof(*(ptr)) == 2 ||                       \
				       sizeof(*(ptr)) == 4 || sizeof(*(ptr)) == 8,                 \
			       "get_user: object of 1, 2, 4 or 8 bytes");                          \
		__gu_u.d = 0;                                                                      \
		if (sizeof(*(ptr)) == 1) {                                                         \
			__uaccess_ld("ldrb", __gu_u.w, __gu_p, __gu_err);                          \
		} else if (sizeof(*(ptr)) == 2) {                                                  \
			__uaccess_ld("ldrh", __gu_u.w, __gu_p, __gu_err);                          \
		} else if (sizeof(*(ptr)) == 4) {                                                  \
			__uaccess_ld("ldr", __gu_u.w, __gu_p, __gu_err);                           \
		} else {                                                                           \
			unsigned long __gu_lo, __gu_hi;                                            \
			__uaccess_ld("ldr", __gu_lo, __gu_p, __gu_err);                            \
			__uaccess_ld("ldr", __gu_hi, (const volatile char *)__gu_p + 4, __gu_err); \
			__gu_u.d = __gu_err ? 0 : ((unsigned long long)__gu_hi << 32 | __gu_lo);   \
		}                                                                                  \
		(x) = __gu_u.t;                                                                    \
		__gu_err;                                                                          \
	})

/* Like put_user, without access_ok. */
#define __put_user(x, ptr)                                                                         \
	({                                                                                         \
		int __pu_err = 0;                                                                  \
		__uaccess_union(ptr) __pu_u;                                                       \
		volatile void *__pu_p = (ptr);                                                     \
		_Static_assert(sizeof(*(ptr)) == 1 || sizeof(*(ptr)) == 2 ||                       \
				       sizeof(*(ptr)) == 4 || sizeof(*(ptr)) == 8,                 \
			       "put_user: object of 1, 2, 4 or 8 bytes");                          \
		__pu_u.d = 0;                                                                      \
		__pu_u.t = (x);                                                                    \
		if (sizeof(*(ptr)) == 1) {                                                         \
			__uaccess_st("strb", __pu_u.w, __pu_p, __pu_err);                          \
		} else if (sizeof(*(ptr)) == 2) {                                                  \
			__uaccess_st("strh", __pu_u.w, __pu_p, __pu_err);                          \
		} else if (sizeof(*(ptr)) == 4) {                                                  \
			__uaccess_st("str", __pu_u.w, __pu_p, __pu_err);                           \
		} else {                                                                           \
			__uaccess_st("str", (unsigned long)__pu_u.d, __pu_p, __pu_err);            \
			if (!__pu_err)                                                             \
				__uaccess_st("str", (unsigned long)(__pu_u.d >> 32),               \
					     (volatile char *)__pu_p + 4, __pu_err);               \
		}                                                                                  \
		__pu_err;                                                                          \
	})

/* 0, or -EFAULT with x zeroed when ptr is not an application address or cannot be read. */
#define get_user(x, ptr)                                                                           \
	({                                                                                         \
		int __gu_ret;                                                                      \
		if (__builtin_expect(access_ok((ptr), sizeof(*(ptr))), 1)) {                       \
			__gu_ret = __get_user(x, ptr);                                             \
		} else {                                                                           \
			__uaccess_union(ptr) __gu_z;                                               \
			__gu_z.d = 0;                                                              \
			(x) = __gu_z.t;                                                            \
			__gu_ret = -UACCESS_EFAULT;                                                \
		}                                                                                  \
		__gu_ret;                                                                          \
	})

/* 0, or -EFAULT when ptr is not an application address or cannot be written (for 8 bytes,
 * the first word may have been written). */
#define put_user(x, ptr)                                                                           \
	(__builtin_expect(access_ok((ptr), sizeof(*(ptr))), 1) ? __put_user(x, ptr)                \
							       : -UACCESS_EFAULT)

#endif
