/*
 * Where sigsetjmp.S keeps its part of a sigjmp_buf (<setjmp.h>): after the jmp_buf of
 * newlib's setjmp (_JBLEN = 23 words on ARM), the savemask flag, the mask, d8-d15.
 * abi_check.c compares these with the C structure.
 */
#ifndef UNIARM_LIBC_GLUE_SIGJMP_LAYOUT_H
#define UNIARM_LIBC_GLUE_SIGJMP_LAYOUT_H

#define SJ_SAVEMASK 92
#define SJ_MASK	    96
#define SJ_VFP	    104
#define SJ_SIZE	    168

#endif
