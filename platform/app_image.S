/*
 * The application in the image (uniarm_add_app, docs/pl0.md): its ELF file, whole, on pages
 * of its own (the .app_image output section of uniarm.ld is page aligned at both ends), which
 * runtime/exec.c loads at boot as exec loads a file; and its name. Included by the file
 * uniarm_add_app generates, which defines UNIARM_APP_ELF (the file's path) and UNIARM_APP_NAME.
 */
	.section .app_image, "a"
	.balign	4096
	.globl	__app_image_start
	.globl	__app_image_end
__app_image_start:
	.incbin	UNIARM_APP_ELF
__app_image_end:

	.section .rodata.uniarm_app_name, "a"
	.globl	uniarm_app_name
uniarm_app_name:
	.asciz	UNIARM_APP_NAME
