/*
 * ARMv7-A short-descriptor translation table encoding, as uniarm programs it: SCTLR.AFE = 1
 * (AP[0] is the Access flag, simplified access permissions) and SCTLR.TRE = 1 (TEX[0]:C:B index
 * the memory types in PRRR/NMRR, TEX[2:1] are free for software).
 * Reference: ARM Architecture Reference Manual ARMv7-A/R (DDI 0406C), B3.5 "Short-descriptor
 * translation table format" (B3-1326) and B3.8.3 "Memory region attribute indirection" (B3-1368).
 */
#ifndef UNIARM_PLATFORM_PGTABLE_HWDEF_H
#define UNIARM_PLATFORM_PGTABLE_HWDEF_H

#include "platform/const.h"

/* First-level section descriptor (B3-1327, figure B3-4). */
#define PMD_TYPE_SECT	(_U(2) << 0)
#define PMD_TABLE_PXN	(_U(1) << 2) /* page-table descriptor: PL1 may not execute its pages */
#define PMD_SECT_B	(_U(1) << 2)
#define PMD_SECT_C	(_U(1) << 3)
#define PMD_SECT_XN	(_U(1) << 4)
#define PMD_SECT_AF	(_U(1) << 10) /* AP[0], the Access flag under AFE */
#define PMD_SECT_USER	(_U(1) << 11) /* AP[1]: PL0 may access */
#define PMD_SECT_TEX0	(_U(1) << 12)
#define PMD_SECT_RDONLY (_U(1) << 15) /* AP[2] */
#define PMD_SECT_S	(_U(1) << 16)
#define PMD_SECT_nG	(_U(1) << 17)

/* Memory types: TEX[0]:C:B index n into PRRR/NMRR (values programmed by head.S). */
#define MT_IDX_SO	_U(0) /* strongly ordered */
#define MT_IDX_DEVICE	_U(1) /* device */
#define MT_IDX_UNCACHED _U(2) /* normal, non-cacheable */
#define MT_IDX_WBWA	_U(3) /* normal, write-back write-allocate */
#define PMD_SECT_MT(idx)                                                                           \
	((((idx) >> 2) & _U(1)) << 12 | (((idx) >> 1) & _U(1)) << 3 | ((idx)&_U(1)) << 2)

/* PRRR: TRn (2 bits each: 0 SO, 1 device, 2 normal), DS1 (device shareable), NS1 (S=1 means
 * shareable normal). NMRR: inner/outer policy per index (1 = write-back write-allocate). */
#define PRRR_VALUE _U(0x000A80A4) /* TR1=device, TR2=TR3=TR7=normal, DS1, NS1 */
#define NMRR_VALUE _U(0x40404040) /* IR3=OR3=IR7=OR7=WBWA, index 2 non-cacheable */

/* Section attributes used by the boot page table and the early linear map. */
#define PMD_SECT_KERNEL_RWX (PMD_TYPE_SECT | PMD_SECT_MT(MT_IDX_WBWA) | PMD_SECT_AF | PMD_SECT_S)
#define PMD_SECT_KERNEL_RW  (PMD_SECT_KERNEL_RWX | PMD_SECT_XN)
#define PMD_SECT_DEVICE	    (PMD_TYPE_SECT | PMD_SECT_MT(MT_IDX_DEVICE) | PMD_SECT_AF | PMD_SECT_XN)

/* SCTLR bits (B4.1.130). */
#define SCTLR_M	  (_U(1) << 0)
#define SCTLR_A	  (_U(1) << 1)
#define SCTLR_C	  (_U(1) << 2)
#define SCTLR_Z	  (_U(1) << 11)
#define SCTLR_I	  (_U(1) << 12)
#define SCTLR_V	  (_U(1) << 13)
#define SCTLR_TRE (_U(1) << 28)
#define SCTLR_AFE (_U(1) << 29)
#define SCTLR_TE  (_U(1) << 30)

/* TTBR0 walk attributes: inner WBWA (IRGN = 0b01 -> bit 6 set, bit 0 clear), outer WBWA
 * (RGN = 0b01), shareable. */
#define TTBR_FLAGS ((_U(1) << 6) | (_U(1) << 3) | (_U(1) << 1))

#endif
