/* Constants shared by C and assembly: _AC(0x1000, UL) is 0x1000UL in C and 0x1000 in .S. */
#ifndef UNIARM_PLATFORM_CONST_H
#define UNIARM_PLATFORM_CONST_H
#ifdef __ASSEMBLER__
#define _AC(x, y) x
#else
#define __AC(x, y) x##y
#define _AC(x, y)  __AC(x, y)
#endif
#define _U(x)  _AC(x, U)
#define _UL(x) _AC(x, UL)
#endif
