# uniarm's CMake interface (docs/cmake.md): uniarm_add_app() builds an image with run-<name> and
# debug-<name> targets; uniarm_add_test() builds an image and registers a CTest that boots it
# under QEMU; uniarm_add_ktest() is that for tests of the runtime itself. Included by uniarm's
# CMakeLists.txt (a source tree, UNIARM_ROOT) or by the installed uniarmConfig.cmake
# (UNIARM_PREFIX); the two differ only in where the files are.
include_guard(GLOBAL)

# Cache variables, so the functions also see them when called from any directory of a parent
# project.
if(DEFINED UNIARM_PREFIX)
	# An installed uniarm (cmake --install; the layout in docs/cmake.md).
	set(UNIARM_RUN ${UNIARM_PREFIX}/bin/uniarm-run CACHE INTERNAL "QEMU launcher")
	set(UNIARM_DEBUG ${UNIARM_PREFIX}/bin/uniarm-debug CACHE INTERNAL "QEMU + gdb launcher")
	set(UNIARM_LINKER_SCRIPT ${UNIARM_PREFIX}/lib/uniarm/uniarm.ld CACHE INTERNAL
		"image link map")
	set(UNIARM_APP_IMAGE_S ${UNIARM_PREFIX}/lib/uniarm/app_image.S CACHE INTERNAL
		"the application in the image")
	set(UNIARM_CHECK_NO_FP ${UNIARM_PREFIX}/libexec/uniarm/check-no-fp CACHE INTERNAL
		"image FP check")
	set(UNIARM_CHECK_RUNTIME_LINK ${UNIARM_PREFIX}/libexec/uniarm/check-runtime-link
		CACHE INTERNAL "image check: the runtime's link holds only the runtime")
	set(UNIARM_SORTEXTABLE ${UNIARM_PREFIX}/libexec/uniarm/sortextable CACHE INTERNAL
		"exception table sorter")
	set(UNIARM_MKINITRAMFS ${UNIARM_PREFIX}/libexec/uniarm/mkinitramfs CACHE INTERNAL
		"initramfs packer (FILES)")
	set(UNIARM_CHECK_RUN ${CMAKE_CURRENT_LIST_DIR}/check-run.cmake CACHE INTERNAL
		"test checker")
	set(UNIARM_KTEST_INCLUDE "" CACHE INTERNAL "runtime headers for uniarm_add_ktest")
	set(UNIARM_PACKAGE_PREFIX ${UNIARM_PREFIX} CACHE INTERNAL "installed uniarm")
else()
	# A source tree (add_subdirectory).
	set(UNIARM_RUN ${UNIARM_ROOT}/tools/uniarm-run CACHE INTERNAL "QEMU launcher")
	set(UNIARM_DEBUG ${UNIARM_ROOT}/tools/uniarm-debug CACHE INTERNAL "QEMU + gdb launcher")
	set(UNIARM_LINKER_SCRIPT ${UNIARM_ROOT}/platform/uniarm.ld CACHE INTERNAL "image link map")
	set(UNIARM_APP_IMAGE_S ${UNIARM_ROOT}/platform/app_image.S CACHE INTERNAL
		"the application in the image")
	set(UNIARM_CHECK_NO_FP ${UNIARM_ROOT}/tools/check-no-fp CACHE INTERNAL "image FP check")
	set(UNIARM_CHECK_RUNTIME_LINK ${UNIARM_ROOT}/tools/check-runtime-link CACHE INTERNAL
		"image check: the runtime's link holds only the runtime")
	set(UNIARM_CHECK_RUN ${UNIARM_ROOT}/cmake/check-run.cmake CACHE INTERNAL "test checker")
	set(UNIARM_KTEST_INCLUDE ${UNIARM_ROOT} ${UNIARM_ROOT}/libc-glue/include CACHE INTERNAL
		"runtime headers for uniarm_add_ktest")
	unset(UNIARM_PACKAGE_PREFIX CACHE)

	# tools/sortextable, built with the host's C compiler by a custom command of uniarm's own
	# (so it exists in out-of-tree builds too, where the host test project is not built);
	# every image's exception table is sorted with it after linking (docs/uaccess.md). Built
	# by default when uniarm is the top-level project: it is installed.
	find_program(UNIARM_HOST_CC NAMES cc gcc clang)
	if(NOT UNIARM_HOST_CC)
		message(FATAL_ERROR "uniarm: no host C compiler (for tools/sortextable): apt-get install gcc")
	endif()
	# A host tool from tools/<tool>.c into uniarm-tools/, its path in the cache variable var,
	# and a target uniarm_<tool> (built by default when uniarm is the top-level project).
	function(_uniarm_host_tool tool var doc)
		set(out ${CMAKE_BINARY_DIR}/uniarm-tools/${tool})
		set(${var} ${out} CACHE INTERNAL "${doc}")
		add_custom_command(OUTPUT ${out}
			COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/uniarm-tools
			COMMAND ${UNIARM_HOST_CC} -O2 -Wall -Wextra -Werror -o ${out}
				${UNIARM_ROOT}/tools/${tool}.c
			DEPENDS ${UNIARM_ROOT}/tools/${tool}.c
			COMMENT "Building host tool ${tool}" VERBATIM)
		if(PROJECT_IS_TOP_LEVEL)
			add_custom_target(uniarm_${tool} ALL DEPENDS ${out})
		else()
			add_custom_target(uniarm_${tool} DEPENDS ${out})
		endif()
	endfunction()
	_uniarm_host_tool(sortextable UNIARM_SORTEXTABLE "exception table sorter")
	# tools/mkinitramfs: packs an app's FILES directory into its initramfs (docs/files.md,
	# "The initramfs").
	_uniarm_host_tool(mkinitramfs UNIARM_MKINITRAMFS "initramfs packer (FILES)")
endif()

find_program(UNIARM_OBJDUMP NAMES llvm-objdump llvm-objdump-14)
if(NOT UNIARM_OBJDUMP)
	message(FATAL_ERROR "uniarm: llvm-objdump not found (for the image check): "
		"apt-get install llvm")
endif()

# C++, when the project has enabled CXX (project(<name> C CXX) before add_subdirectory(uniarm)
# or find_package(uniarm)): libstdc++ built by tools/build-libstdcxx against uniarm's newlib
# (cached per user like newlib, docs/libc.md), or the installed package's copy. Its headers
# come before newlib's for every C++ source of the build, and every target linked as C++ gets
# libstdc++.a (which holds libsupc++ too).
get_property(_uniarm_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
if(CXX IN_LIST _uniarm_languages)
	if(DEFINED UNIARM_PREFIX)
		set(_uniarm_libstdcxx ${UNIARM_PREFIX}/lib/uniarm/libstdcxx)
		if(NOT EXISTS ${_uniarm_libstdcxx}/lib/libstdc++.a)
			message(FATAL_ERROR "uniarm: the installed uniarm at ${UNIARM_PREFIX} has no "
				"libstdc++ (lib/uniarm/libstdcxx/lib/libstdc++.a), which C++ needs")
		endif()
	else()
		execute_process(COMMAND ${UNIARM_ROOT}/tools/build-libstdcxx ${UNIARM_NEWLIB_DIR}
			OUTPUT_VARIABLE _uniarm_libstdcxx OUTPUT_STRIP_TRAILING_WHITESPACE
			RESULT_VARIABLE _uniarm_status)
		if(NOT _uniarm_status EQUAL 0 OR NOT EXISTS ${_uniarm_libstdcxx}/lib/libstdc++.a)
			message(FATAL_ERROR
				"uniarm: building libstdc++ failed (tools/build-libstdcxx, message above)")
		endif()
	endif()
	file(GLOB _uniarm_cxx_include LIST_DIRECTORIES true ${_uniarm_libstdcxx}/include/c++/*)
	set(UNIARM_LIBSTDCXX_DIR ${_uniarm_libstdcxx} CACHE INTERNAL "libstdc++ for uniarm")
	set(CMAKE_CXX_STANDARD_INCLUDE_DIRECTORIES ${_uniarm_cxx_include}
		${_uniarm_cxx_include}/arm-none-eabi ${_uniarm_cxx_include}/backward
		${UNIARM_NEWLIB_INCLUDE} CACHE INTERNAL "libstdc++, newlib")
	set(CMAKE_CXX_STANDARD_LIBRARIES ${_uniarm_libstdcxx}/lib/libstdc++.a CACHE INTERNAL
		"libstdc++ for uniarm")
	unset(_uniarm_libstdcxx)
	unset(_uniarm_cxx_include)
	unset(_uniarm_status)
else()
	unset(UNIARM_LIBSTDCXX_DIR CACHE)
endif()
unset(_uniarm_languages)

# Errors name the function the project called: uniarm_add_ktest calls uniarm_add_test, which
# calls uniarm_add_app, and a function sees its caller's variables.
macro(_uniarm_entry fn)
	if(NOT _uniarm_fn)
		set(_uniarm_fn ${fn})
	endif()
endmacro()

# _uniarm_check_args(<name> <prefix> <options> <one-value keywords> <multi-value keywords>)
# after cmake_parse_arguments(<prefix> ...) in the caller: stops the configure on a word no
# keyword took (UNPARSED_ARGUMENTS), on an upper-case word in SOURCES or QEMU_ARGS (a
# misspelled keyword after a list lands in the list: no source file or QEMU option is such a
# word), and on a keyword without its value (except APPEND, whose value may be empty).
function(_uniarm_check_args name prefix options one multi)
	set(where "${_uniarm_fn}(${name})")
	set(keywords ${options} ${one} ${multi})
	list(JOIN keywords " " known)
	set(listed)
	foreach(kw SOURCES QEMU_ARGS)
		if(kw IN_LIST multi)
			list(APPEND listed ${${prefix}_${kw}})
		endif()
	endforeach()
	foreach(arg IN LISTS ${prefix}_UNPARSED_ARGUMENTS listed)
		if(arg MATCHES "^[A-Z][A-Z0-9_]*$")
			message(FATAL_ERROR "${where}: unknown keyword '${arg}' (keywords: ${known})")
		endif()
	endforeach()
	if(DEFINED ${prefix}_UNPARSED_ARGUMENTS)
		list(JOIN ${prefix}_UNPARSED_ARGUMENTS "' '" extra)
		list(JOIN one " " one_j)
		message(FATAL_ERROR "${where}: unexpected argument '${extra}' (${one_j} take one "
			"value each: quote a value that has spaces)")
	endif()
	foreach(kw IN LISTS ${prefix}_KEYWORDS_MISSING_VALUES)
		if(NOT kw STREQUAL "APPEND")
			message(FATAL_ERROR "${where}: ${kw} needs a value")
		endif()
	endforeach()
endfunction()

# _uniarm_check_once(<name> <keyword> <args...>): a one-value keyword given twice would
# silently keep its last value (cmake_parse_arguments); every occurrence of the word in args is
# one, as cmake_parse_arguments takes a keyword wherever it stands.
function(_uniarm_check_once name kw)
	list(FILTER ARGN INCLUDE REGEX "^${kw}$")
	list(LENGTH ARGN n)
	if(n GREATER 1)
		message(FATAL_ERROR "${_uniarm_fn}(${name}): ${kw} given ${n} times (it takes one "
			"value)")
	endif()
endfunction()

# _uniarm_check_number(<name> <keyword> <value> <min> <max> <what>)
function(_uniarm_check_number name kw value min max what)
	if(NOT value MATCHES "^[0-9]+$" OR value LESS min OR value GREATER max)
		message(FATAL_ERROR "${_uniarm_fn}(${name}): ${kw} is ${what}, not '${value}'")
	endif()
endfunction()

# The string routines the runtime library defines under runtime-private names
# (tools/kernel-string-syms): a ktest's code, linked into the runtime's side, calls them by
# their usual names.
set(_uniarm_kernel_string_syms memcpy memmove memset memcmp strlen strchr strcmp
	__aeabi_memcpy __aeabi_memcpy4 __aeabi_memcpy8 __aeabi_memmove __aeabi_memmove4
	__aeabi_memmove8 __aeabi_memset __aeabi_memset4 __aeabi_memset8 __aeabi_memclr
	__aeabi_memclr4 __aeabi_memclr8)

# _uniarm_initramfs(<name> <dir> <out-var>): the custom command that packs <dir> into
# <name>.cpio (tools/mkinitramfs) and makes target <name> depend on it; the archive's path in
# <out-var>. The archive depends on every file and directory of the tree (a directory's mtime
# changes when an entry is added, removed or renamed in it; the glob is checked again at every
# build, CONFIGURE_DEPENDS), but not on symlinks, which ninja would follow: a dangling one is a
# missing input to it. Their directory covers them.
function(_uniarm_initramfs name files out)
	get_filename_component(tree "${files}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
	if(NOT EXISTS "${tree}")
		message(FATAL_ERROR "${_uniarm_fn}(${name}): FILES '${files}' does not exist "
			"(${tree}: the directory to pack as the image's files)")
	elseif(NOT IS_DIRECTORY "${tree}")
		message(FATAL_ERROR "${_uniarm_fn}(${name}): FILES '${files}' is not a directory "
			"(${tree}: FILES takes the directory whose tree becomes the file system's /)")
	endif()
	file(GLOB_RECURSE entries LIST_DIRECTORIES true CONFIGURE_DEPENDS "${tree}/*")
	set(deps "${tree}")
	foreach(entry IN LISTS entries)
		if(NOT IS_SYMLINK "${entry}")
			list(APPEND deps "${entry}")
		endif()
	endforeach()
	set(cpio ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpio)
	add_custom_command(OUTPUT ${cpio}
		COMMAND ${UNIARM_MKINITRAMFS} ${tree} ${cpio}
		DEPENDS ${UNIARM_MKINITRAMFS} ${deps}
		COMMENT "Packing ${files} into ${name}.cpio" VERBATIM)
	add_custom_target(${name}-initramfs DEPENDS ${cpio})
	if(TARGET uniarm_mkinitramfs)
		add_dependencies(${name}-initramfs uniarm_mkinitramfs)
	endif()
	add_dependencies(${name} ${name}-initramfs)
	set(${out} ${cpio} PARENT_SCOPE)
endfunction()

# uniarm_add_app(<name> SOURCES <files...> [MEMORY <MiB>] [APPEND "<bootargs>"] [FILES <dir>]
#                [ICOUNT] [NO_EXTABLE_SORT] [QEMU_ARGS ...])
# Builds <name>.elf, the image QEMU boots: the runtime, linked at PAGE_OFFSET, carrying the
# application as an ELF executable of its own (docs/pl0.md). The target <name> is the
# application: its sources, compiled with the toolchain's target flags and whatever the app
# adds itself, linked with libc-glue's application side, newlib and libgcc at 0x00010000 as a
# static Linux program is (<name>.app.elf, link map <name>.app.elf.map). A step after that
# link links the image around it (platform/app_image.S; link map <name>.elf.map); the runtime
# loads the application from it at boot as exec would and starts it in USR mode. Nothing of
# the runtime is visible to the application's link, and nothing of the application to the
# runtime's. ICOUNT runs it with deterministic guest time (-icount shift=0,sleep=off), as
# benchmarks need. The image's exception table is sorted after linking; NO_EXTABLE_SORT (only
# for the test of the boot check) leaves it in link order. Every image is then checked:
# nothing the runtime calls uses an FP/NEON register. FILES <dir> (relative to the current
# source directory) is packed by tools/mkinitramfs into <name>.cpio, re-packed when anything in
# the tree changes, and every run gets it with --initrd: the image's initramfs.
# run-<name> boots it with these settings, prints "<name>: exit status <n>" and returns n;
# debug-<name> runs it under uniarm-debug (QEMU waiting for gdb-multiarch) with the same ones.
function(uniarm_add_app name)
	_uniarm_entry(uniarm_add_app)
	set(options ICOUNT NO_EXTABLE_SORT _KTEST)
	set(one MEMORY APPEND FILES)
	set(multi SOURCES QEMU_ARGS)
	cmake_parse_arguments(APP "${options}" "${one}" "${multi}" ${ARGN})
	_uniarm_check_args(${name} APP "${options}" "${one}" "${multi}")
	_uniarm_check_once(${name} FILES ${ARGN})
	if(NOT APP_SOURCES)
		message(FATAL_ERROR "${_uniarm_fn}(${name}): SOURCES is required")
	endif()
	if(NOT DEFINED APP_MEMORY)
		set(APP_MEMORY 128)
	endif()
	_uniarm_check_number(${name} MEMORY "${APP_MEMORY}" 1 1048576
		"the RAM size in MiB (a whole number such as 128)")
	foreach(src ${APP_SOURCES})
		if(src MATCHES "\\.(cpp|cc|cxx|C|c\\+\\+)$" AND NOT UNIARM_LIBSTDCXX_DIR)
			message(FATAL_ERROR "${_uniarm_fn}(${name}): ${src} is C++, but C++ is not "
				"enabled: project(<name> C CXX) before add_subdirectory(uniarm) or "
				"find_package(uniarm)")
		endif()
	endforeach()
	set(dir ${CMAKE_CURRENT_BINARY_DIR})
	set(runtime_lib $<TARGET_FILE:uniarm::runtime>)
	set(link_common -Wl,--gc-sections -Wl,--no-merge-exidx-entries)
	if(APP__KTEST)
		# A test of the runtime itself: its code is the runtime's side of the image, run by
		# runtime/ktest.c at PL1 in place of an application (uniarm_add_ktest).
		set(appinfo ${dir}/${name}-appinfo.c)
		file(CONFIGURE OUTPUT ${appinfo} CONTENT
			"/* Generated by uniarm_add_ktest(). */\nconst char uniarm_app_name[] = \"${name}\";\n")
		add_executable(${name} ${APP_SOURCES} ${appinfo})
		set_target_properties(${name} PROPERTIES SUFFIX ".elf"
			LINK_DEPENDS "${UNIARM_LINKER_SCRIPT};${runtime_lib}")
		set(defsyms)
		foreach(sym ${_uniarm_kernel_string_syms})
			string(REGEX REPLACE "^_+" "" base ${sym})
			list(APPEND defsyms -Wl,--defsym=${sym}=__kernel_${base})
		endforeach()
		target_link_libraries(${name} PRIVATE uniarm::ktest uniarm::runtime uniarm::ktest
			${UNIARM_LIBGCC})
		target_link_options(${name} PRIVATE -T${UNIARM_LINKER_SCRIPT} ${link_common}
			${defsyms} -Wl,-Map=$<TARGET_FILE:${name}>.map)
	else()
		add_executable(${name} ${APP_SOURCES})
		set_target_properties(${name} PROPERTIES SUFFIX ".elf"
			LINK_DEPENDS "${UNIARM_LINKER_SCRIPT};${runtime_lib};${UNIARM_APP_IMAGE_S}")
		# uniarm_libc (libc-glue's application side and its string routines) before newlib's
		# libc.a, whose routines it overrides (docs/string.md).
		target_link_libraries(${name} PRIVATE uniarm::libc
			${UNIARM_NEWLIB_LIBDIR}/libc.a ${UNIARM_NEWLIB_LIBDIR}/libm.a ${UNIARM_LIBGCC})
		# A static Linux executable's layout (lld's default): the ELF and program headers at
		# the start of the first segment, each segment on pages of its own so that exec maps
		# the image's pages as they are. Every function keeps its own unwind entry (lld would
		# merge neighbours with identical unwinding instructions, hiding function boundaries
		# from the backtrace). R_ARM_TARGET2 (the type references in C++ exception tables) is
		# PC-relative on bare metal, as the personality routine reads it (libgcc's
		# _Unwind_decode_typeinfo_ptr for arm-none-eabi, GNU ld's default there); lld's
		# default is GOT-relative, Linux's convention.
		target_link_options(${name} PRIVATE -Wl,--entry=_start -Wl,--image-base=0x10000
			-Wl,-z,separate-loadable-segments -Wl,-z,max-page-size=4096 -Wl,-z,norelro
			${link_common} -Wl,--target2=rel -Wl,-Map=${dir}/${name}.app.elf.map)
		# The image: the runtime around the application's file.
		set(image_s ${dir}/${name}-image.S)
		file(CONFIGURE OUTPUT ${image_s} @ONLY CONTENT [=[
/* Generated by uniarm_add_app(): the application for the runtime (platform/app_image.S). */
#define UNIARM_APP_ELF "@dir@/@name@.app.elf"
#define UNIARM_APP_NAME "@name@"
#include "@UNIARM_APP_IMAGE_S@"
]=])
		separate_arguments(target_flags UNIX_COMMAND "${UNIARM_TARGET_FLAGS}")
		set(cc ${CMAKE_C_COMPILER} --target=armv7a-none-eabi ${target_flags})
		add_custom_command(TARGET ${name} POST_BUILD
			COMMAND ${CMAKE_COMMAND} -E rename $<TARGET_FILE:${name}> ${dir}/${name}.app.elf
			COMMAND ${cc} -c ${image_s} -o ${dir}/${name}-image.o
			COMMAND ${cc} -fuse-ld=lld -nostdlib -static -T${UNIARM_LINKER_SCRIPT}
				${link_common} -Wl,-Map=$<TARGET_FILE:${name}>.map ${dir}/${name}-image.o
				${runtime_lib} ${UNIARM_LIBGCC} -o $<TARGET_FILE:${name}>
			COMMAND ${UNIARM_CHECK_RUNTIME_LINK} $<TARGET_FILE:${name}>.map
			VERBATIM)
	endif()
	if(NOT APP_NO_EXTABLE_SORT)
		if(TARGET uniarm_sortextable)
			add_dependencies(${name} uniarm_sortextable)
		endif()
		add_custom_command(TARGET ${name} POST_BUILD
			COMMAND ${UNIARM_SORTEXTABLE} $<TARGET_FILE:${name}> VERBATIM)
	endif()
	# Nothing the runtime calls in this image (its own code and libgcc's) may use an FP/NEON
	# register (docs/libc.md).
	add_custom_command(TARGET ${name} POST_BUILD
		COMMAND ${UNIARM_CHECK_NO_FP} --image ${UNIARM_OBJDUMP}
			$<TARGET_FILE:${name}> $<TARGET_FILE:${name}>.map VERBATIM)

	set(run_args --memory ${APP_MEMORY})
	if(DEFINED APP_FILES)
		_uniarm_initramfs(${name} "${APP_FILES}" cpio)
		list(APPEND run_args --initrd ${cpio})
	endif()
	if(APP_ICOUNT)
		list(APPEND run_args --icount)
	endif()
	if(DEFINED APP_APPEND)
		list(APPEND run_args --append "${APP_APPEND}")
	endif()
	if(APP_QEMU_ARGS)
		list(APPEND run_args -- ${APP_QEMU_ARGS})
	endif()
	set_property(TARGET ${name} PROPERTY UNIARM_RUN_ARGS "${run_args}")
	# The status goes to the build tool too, which reports a non-zero one as a failed command:
	# the line before says which status it was.
	add_custom_target(run-${name}
		COMMAND sh -c
			"\"$@\"; status=$?; echo \"${name}: exit status $status\" >&2; exit $status"
			sh ${UNIARM_RUN} $<TARGET_FILE:${name}> ${run_args}
		DEPENDS ${name} COMMENT "Booting ${name}.elf" USES_TERMINAL VERBATIM)
	add_custom_target(debug-${name}
		COMMAND ${UNIARM_DEBUG} $<TARGET_FILE:${name}> ${run_args}
		DEPENDS ${name} COMMENT "Debugging ${name}.elf" USES_TERMINAL VERBATIM)
endfunction()

# uniarm_add_test(<name> SOURCES <files...> [EXPECT_EXIT <n>] [EXPECT_OUTPUT <regex>...]
#                 [MEMORY <MiB>] [APPEND "<bootargs>"] [FILES <dir>] [TIMEOUT <s>]
#                 [STDIN <file>] [ICOUNT] [QEMU_ARGS ...])
# Builds the image and registers a CTest that boots it (with STDIN as the console's input);
# the test passes when QEMU's exit status is EXPECT_EXIT (default 0) and every EXPECT_OUTPUT
# regex matches the output. The project need not call enable_testing(): it is done here.
function(uniarm_add_test name)
	_uniarm_entry(uniarm_add_test)
	set(options ICOUNT NO_EXTABLE_SORT _KTEST)
	set(one EXPECT_EXIT MEMORY APPEND FILES TIMEOUT STDIN)
	set(multi SOURCES EXPECT_OUTPUT QEMU_ARGS)
	cmake_parse_arguments(T "${options}" "${one}" "${multi}" ${ARGN})
	_uniarm_check_args(${name} T "${options}" "${one}" "${multi}")
	_uniarm_check_once(${name} FILES ${ARGN})
	if(NOT DEFINED T_EXPECT_EXIT)
		set(T_EXPECT_EXIT 0)
	endif()
	_uniarm_check_number(${name} EXPECT_EXIT "${T_EXPECT_EXIT}" 0 255 "an exit status (0-255)")
	if(NOT DEFINED T_TIMEOUT)
		set(T_TIMEOUT 30)
	endif()
	_uniarm_check_number(${name} TIMEOUT "${T_TIMEOUT}" 1 86400 "a number of seconds")
	set(app_args SOURCES ${T_SOURCES})
	foreach(opt MEMORY APPEND FILES)
		if(DEFINED T_${opt})
			list(APPEND app_args ${opt} "${T_${opt}}")
		endif()
	endforeach()
	foreach(opt ICOUNT NO_EXTABLE_SORT _KTEST)
		if(T_${opt})
			list(APPEND app_args ${opt})
		endif()
	endforeach()
	if(T_QEMU_ARGS)
		list(APPEND app_args QEMU_ARGS ${T_QEMU_ARGS})
	endif()
	uniarm_add_app(${name} ${app_args})
	get_target_property(run_args ${name} UNIARM_RUN_ARGS)
	# Lists travel to the checker joined with a byte that cannot appear in them.
	string(ASCII 31 sep)
	string(REPLACE ";" "${sep}" run_args_j "${run_args}")
	string(REPLACE ";" "${sep}" expect_j "${T_EXPECT_OUTPUT}")
	add_test(NAME ${name}
		COMMAND ${CMAKE_COMMAND}
			-DRUN=${UNIARM_RUN} -DIMAGE=$<TARGET_FILE:${name}> -DRUN_ARGS=${run_args_j}
			-DEXPECT_EXIT=${T_EXPECT_EXIT} -DEXPECT_OUTPUT=${expect_j} -DTIMEOUT=${T_TIMEOUT}
			-DSTDIN=${T_STDIN}
			-P ${UNIARM_CHECK_RUN})
	set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT})

	# CTest reads CTestTestfile.cmake from the build root down, and CMake writes one for a
	# directory only if testing is enabled in its scope when the directory is finished. So
	# enable_testing() runs at the end of this directory and of every one above it (once per
	# directory; docs/cmake.md).
	set(dir ${CMAKE_CURRENT_SOURCE_DIR})
	while(dir)
		get_property(deferred DIRECTORY ${dir} PROPERTY UNIARM_ENABLE_TESTING_DEFERRED)
		if(deferred)
			break()
		endif()
		set_property(DIRECTORY ${dir} PROPERTY UNIARM_ENABLE_TESTING_DEFERRED TRUE)
		cmake_language(DEFER DIRECTORY ${dir} CALL enable_testing)
		get_property(dir DIRECTORY ${dir} PROPERTY PARENT_DIRECTORY)
	endwhile()
endfunction()

# uniarm_add_ktest(<name> ...): uniarm_add_test() for a test of the runtime itself, run inside the
# runtime at PL1 instead of an application (runtime/ktest.c): its code is linked into the
# runtime's side of the image, may include and call the runtime's internal headers
# ("vm/gfp.h", "platform/pgtable.h", ...), which only a source tree has, and has printf, puts,
# exit and the few other C library calls of runtime/ktest_libc.c instead of newlib. Its main is
# the image's entry point (runtime/ktest.h).
function(uniarm_add_ktest name)
	_uniarm_entry(uniarm_add_ktest)
	uniarm_add_test(${name} ${ARGN} _KTEST)
	if(NOT UNIARM_KTEST_INCLUDE)
		message(FATAL_ERROR "uniarm_add_ktest(${name}): tests of the runtime itself need "
			"uniarm's source tree (add_subdirectory(<uniarm> uniarm)): the installed uniarm at "
			"${UNIARM_PACKAGE_PREFIX} has no internal headers")
	endif()
	target_include_directories(${name} PRIVATE ${UNIARM_KTEST_INCLUDE})
	target_compile_definitions(${name} PRIVATE UNIARM_KTEST=1 _DEFAULT_SOURCE)
endfunction()
