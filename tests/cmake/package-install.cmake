# CTest script (cmake -P), the fixture of the package tests: install this build tree into PREFIX
# as the README says (cmake --install <build> --prefix <prefix>), and check that the package
# holds what its users rely on (docs/cmake.md) and that none of its CMake files or scripts
# names the source or the build tree, which an installed uniarm must not need.
# Variables: UNIARM_ROOT, BUILD (this build tree), PREFIX.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
file(REMOVE_RECURSE ${PREFIX})
t_run(out 0 ${BUILD} ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX})

foreach(file
		bin/uniarm-run bin/uniarm-debug bin/uniarm-profile share/uniarm/uniarm.gdb
		include/uniarm/time.h include/uniarm/sys/mman.h
		lib/uniarm/libuniarm_runtime.a lib/uniarm/libuniarm_libc.a lib/uniarm/uniarm.ld
		lib/uniarm/newlib/include/newlib.h lib/uniarm/newlib/lib/libc.a
		lib/uniarm/newlib/lib/libm.a lib/uniarm/libstdcxx/lib/libstdc++.a
		lib/cmake/uniarm/uniarmConfig.cmake lib/cmake/uniarm/uniarmConfigVersion.cmake
		lib/cmake/uniarm/uniarm.cmake lib/cmake/uniarm/check-run.cmake
		libexec/uniarm/sortextable libexec/uniarm/mkinitramfs libexec/uniarm/check-no-fp
		share/uniarm/toolchain-armv7.cmake share/uniarm/VERSION)
	if(NOT EXISTS ${PREFIX}/${file})
		t_fail("cmake --install did not install ${file}. Output:\n${out}")
	endif()
endforeach()
file(READ ${UNIARM_ROOT}/VERSION version)
file(READ ${PREFIX}/share/uniarm/VERSION installed)
if(NOT installed STREQUAL version)
	t_fail("share/uniarm/VERSION holds '${installed}', VERSION '${version}'")
endif()

file(GLOB_RECURSE texts ${PREFIX}/lib/cmake/* ${PREFIX}/share/* ${PREFIX}/bin/*
	${PREFIX}/libexec/uniarm/check-no-fp)
foreach(file ${texts})
	file(READ ${file} text)
	foreach(tree ${UNIARM_ROOT} ${BUILD})
		string(FIND "${text}" "${tree}" at)
		if(NOT at EQUAL -1)
			t_fail("the installed ${file} names ${tree}")
		endif()
	endforeach()
endforeach()
