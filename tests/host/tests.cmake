# The host unit tests: name and sources (relative to the repository root). Read by
# tests/host/CMakeLists.txt (which builds them) and by the top-level CMakeLists.txt (which
# registers them with CTest).
set(UNIARM_HOST_TESTS
	"test_fdt:tests/host/test_fdt.c platform/fdt.c"
	"test_vsprintf:tests/host/test_vsprintf.c runtime/vsprintf.c"
	"test_cmdline:tests/host/test_cmdline.c runtime/cmdline.c"
	"test_area_tree:tests/host/test_area_tree.c vm/area_tree.c"
	"test_xarray:tests/host/test_xarray.c vm/xarray.c"
	"test_slab:tests/host/test_slab.c tests/host/fake_page_alloc.c vm/slab.c"
	"test_page_alloc:tests/host/test_page_alloc.c vm/page_alloc.c vm/memblock.c"
	"test_memblock:tests/host/test_memblock.c vm/memblock.c"
	"test_sortextable:tests/host/test_sortextable.c"
	"test_initramfs:tests/host/test_initramfs.c fs/initramfs.c runtime/vsprintf.c runtime/kstrtox.c"
	"test_math64:tests/host/test_math64.c"
	"test_kstrtox:tests/host/test_kstrtox.c runtime/kstrtox.c"
	"test_pid:tests/host/test_pid.c runtime/pid.c"
	"test_vma:tests/host/test_vma.c tests/host/fake_memory.c tests/host/fake_page_alloc.c vm/mmap.c vm/mprotect.c vm/mremap.c vm/madvise.c vm/mlock.c vm/mincore.c vm/msync.c vm/overcommit.c vm/area_tree.c vm/slab.c runtime/cred.c"
)
# Host tools the cross build runs (e.g. to make test blobs).
set(UNIARM_HOST_TOOLS
	"mkbaddtb:tools/mkbaddtb.c platform/fdt.c"
	"sortextable:tools/sortextable.c"
	"mkinitramfs:tools/mkinitramfs.c"
)
