/* The parts of the ELF format exec reads (the System V ABI's names; newlib has no <elf.h>). */
#ifndef UNIARM_RUNTIME_ELF_H
#define UNIARM_RUNTIME_ELF_H

#include <stdint.h>

#define EI_NIDENT   16
#define ELFCLASS32  1
#define ELFDATA2LSB 1
#define EV_CURRENT  1
#define ET_EXEC	    2
#define EM_ARM	    40

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;

#define PT_LOAD	     1
#define PT_INTERP    3
#define PT_ARM_EXIDX 0x70000001 /* the EHABI index table */
#define PF_X	     1u
#define PF_W	     2u
#define PF_R	     4u

typedef struct {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} Elf32_Phdr;

/* The auxiliary vector types: the application's own definition. */
#include "libc-glue/include/uniarm/auxvec-uapi.h"

#endif
