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
	set(UNIARM_CHECK_NO_FP ${UNIARM_PREFIX}/libexec/uniarm/check-no-fp CACHE INTERNAL
		"image FP check")
	set(UNIARM_SORTEXTABLE ${UNIARM_PREFIX}/libexec/uniarm/sortextable CACHE INTERNAL
		"exception table sorter")
	set(UNIARM_CHECK_RUN ${CMAKE_CURRENT_LIST_DIR}/check-run.cmake CACHE INTERNAL
		"test checker")
	set(UNIARM_KTEST_INCLUDE "" CACHE INTERNAL "runtime headers for uniarm_add_ktest")
	set(UNIARM_PACKAGE_PREFIX ${UNIARM_PREFIX} CACHE INTERNAL "installed uniarm")
else()
	# A source tree (add_subdirectory).
	set(UNIARM_RUN ${UNIARM_ROOT}/tools/uniarm-run CACHE INTERNAL "QEMU launcher")
	set(UNIARM_DEBUG ${UNIARM_ROOT}/tools/uniarm-debug CACHE INTERNAL "QEMU + gdb launcher")
	set(UNIARM_LINKER_SCRIPT ${UNIARM_ROOT}/platform/uniarm.ld CACHE INTERNAL "image link map")
	set(UNIARM_CHECK_NO_FP ${UNIARM_ROOT}/tools/check-no-fp CACHE INTERNAL "image FP check")
	set(UNIARM_CHECK_RUN ${UNIARM_ROOT}/cmake/check-run.cmake CACHE INTERNAL "test checker")
	set(UNIARM_KTEST_INCLUDE ${UNIARM_ROOT} CACHE INTERNAL
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
	set(UNIARM_SORTEXTABLE ${CMAKE_BINARY_DIR}/uniarm-tools/sortextable CACHE INTERNAL
		"exception table sorter")
	add_custom_command(OUTPUT ${UNIARM_SORTEXTABLE}
		COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/uniarm-tools
		COMMAND ${UNIARM_HOST_CC} -O2 -Wall -Wextra -Werror -o ${UNIARM_SORTEXTABLE}
			${UNIARM_ROOT}/tools/sortextable.c
		DEPENDS ${UNIARM_ROOT}/tools/sortextable.c
		COMMENT "Building host tool sortextable" VERBATIM)
	if(PROJECT_IS_TOP_LEVEL)
		add_custom_target(uniarm_sortextable ALL DEPENDS ${UNIARM_SORTEXTABLE})
	else()
		add_custom_target(uniarm_sortextable DEPENDS ${UNIARM_SORTEXTABLE})
	endif()
endif()

# The check of every image's link map that no input section of the runtime library lies in
# the application's static data (platform/uniarm.ld, whose grouping access_ok relies on): an
# awk program (any POSIX awk; Debian's mawk is essential), written into the build tree so
# that a source tree and the installed package run the same check.
find_program(UNIARM_AWK NAMES awk mawk gawk)
if(NOT UNIARM_AWK)
	message(FATAL_ERROR "uniarm: awk not found (for the image check): apt-get install mawk")
endif()
set(UNIARM_CHECK_APP_RANGES ${CMAKE_BINARY_DIR}/uniarm-tools/check-app-ranges.awk
	CACHE INTERNAL "image check: the runtime's data outside the application's ranges")
file(CONFIGURE OUTPUT ${UNIARM_CHECK_APP_RANGES} @ONLY CONTENT [=[
# Link-map check of uniarm.ld's promise (see there): no input section of the runtime library
# lies in the application's static data, [__app_rodata_start, __app_rodata_end) and
# [__app_data_start, __app_data_end), which access_ok admits. Run as: awk -f this map map
# (the first pass reads the ranges, the second the sections). lld's map has the columns
# VMA LMA Size Align Out In Symbol, addresses and sizes in hex.
function hex(s,  n, i) {
	n = 0
	s = tolower(s)
	for (i = 1; i <= length(s); i++)
		n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return n
}
function overlaps(a, n, lo, hi) {
	return (lo in r) && (hi in r) && a < r[hi] && a + n > r[lo]
}
FNR == NR {
	if ($5 ~ /^__app_(ro)?data_(start|end)$/ && $6 == "=")
		r[$5] = hex($1)
	next
}
$5 ~ /libuniarm_runtime\.a\(.*\):\(/ {
	a = hex($1)
	n = hex($3)
	if (overlaps(a, n, "__app_rodata_start", "__app_rodata_end") ||
	    overlaps(a, n, "__app_data_start", "__app_data_end")) {
		print "uniarm: " $5 " (at " $1 ") lies in the application's static data, " \
			"which system calls may read and write (platform/uniarm.ld)" > "/dev/stderr"
		bad = 1
	}
}
END {
	if (!("__app_rodata_end" in r) || !("__app_data_end" in r)) {
		print "uniarm: the link map " FILENAME " shows no __app_* ranges" > "/dev/stderr"
		bad = 1
	}
	exit bad
}
]=])

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

# _uniarm_check_number(<name> <keyword> <value> <min> <max> <what>)
function(_uniarm_check_number name kw value min max what)
	if(NOT value MATCHES "^[0-9]+$" OR value LESS min OR value GREATER max)
		message(FATAL_ERROR "${_uniarm_fn}(${name}): ${kw} is ${what}, not '${value}'")
	endif()
endfunction()

# uniarm_add_app(<name> SOURCES <files...> [MEMORY <MiB>] [APPEND "<bootargs>"] [ICOUNT]
#                [NO_EXTABLE_SORT] [NO_FP_IMAGE_CHECK] [QEMU_ARGS ...])
# Builds <name>.elf: the sources linked with the runtime, newlib and libgcc. The sources are
# compiled with the toolchain's target flags and whatever the app adds itself. ICOUNT runs
# it with deterministic guest time (-icount shift=0,sleep=off), as benchmarks need. The image's
# exception table is sorted after linking; NO_EXTABLE_SORT (only for the test of the boot
# check) leaves it in link order. Every image is then checked: nothing the runtime calls uses
# an FP/NEON register (NO_FP_IMAGE_CHECK, only for the test of that check, skips it).
# run-<name> boots it with these settings, prints "<name>: exit status <n>" and returns n;
# debug-<name> runs it under uniarm-debug (QEMU waiting for gdb-multiarch) with the same ones.
function(uniarm_add_app name)
	_uniarm_entry(uniarm_add_app)
	set(options ICOUNT NO_EXTABLE_SORT NO_FP_IMAGE_CHECK)
	set(one MEMORY APPEND)
	set(multi SOURCES QEMU_ARGS)
	cmake_parse_arguments(APP "${options}" "${one}" "${multi}" ${ARGN})
	_uniarm_check_args(${name} APP "${options}" "${one}" "${multi}")
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
	set(appinfo ${CMAKE_CURRENT_BINARY_DIR}/${name}-appinfo.c)
	file(CONFIGURE OUTPUT ${appinfo} CONTENT
		"/* Generated by uniarm_add_app(). */\nconst char uniarm_app_name[] = \"${name}\";\n")
	add_executable(${name} ${APP_SOURCES} ${appinfo})
	set_target_properties(${name} PROPERTIES SUFFIX ".elf" LINK_DEPENDS ${UNIARM_LINKER_SCRIPT})
	# uniarm_libc (the application's string routines) before newlib's libc.a, which it
	# overrides; the runtime uses its own renamed copies (docs/string.md).
	target_link_libraries(${name} PRIVATE uniarm::runtime uniarm::libc
		${UNIARM_NEWLIB_LIBDIR}/libc.a ${UNIARM_NEWLIB_LIBDIR}/libm.a ${UNIARM_LIBGCC})
	# Every function keeps its own unwind entry (lld would merge neighbours with identical
	# unwinding instructions, hiding function boundaries from the backtrace). R_ARM_TARGET2
	# (the type references in C++ exception tables) is PC-relative on bare metal, as the
	# personality routine reads it (libgcc's _Unwind_decode_typeinfo_ptr for arm-none-eabi,
	# GNU ld's default there); lld's default is GOT-relative, Linux's convention.
	target_link_options(${name} PRIVATE -T${UNIARM_LINKER_SCRIPT} -Wl,--gc-sections
		-Wl,--no-merge-exidx-entries -Wl,--target2=rel -Wl,-Map=$<TARGET_FILE:${name}>.map)
	if(NOT APP_NO_EXTABLE_SORT)
		if(TARGET uniarm_sortextable)
			add_dependencies(${name} uniarm_sortextable)
		endif()
		add_custom_command(TARGET ${name} POST_BUILD
			COMMAND ${UNIARM_SORTEXTABLE} $<TARGET_FILE:${name}> VERBATIM)
	endif()
	# Nothing the runtime calls in this image (newlib, libgcc, or an application function
	# that replaces one of theirs) may use an FP/NEON register (docs/libc.md).
	# NO_FP_IMAGE_CHECK is only for the test of that check.
	if(NOT APP_NO_FP_IMAGE_CHECK)
		add_custom_command(TARGET ${name} POST_BUILD
			COMMAND ${UNIARM_CHECK_NO_FP} --image ${UNIARM_OBJDUMP}
				$<TARGET_FILE:${name}> $<TARGET_FILE:${name}>.map VERBATIM)
	endif()

	# The runtime's static data must stay out of the ranges access_ok admits as the
	# application's (a system call could otherwise read or overwrite it).
	add_custom_command(TARGET ${name} POST_BUILD
		COMMAND ${UNIARM_AWK} -f ${UNIARM_CHECK_APP_RANGES} $<TARGET_FILE:${name}>.map
			$<TARGET_FILE:${name}>.map VERBATIM)

	set(run_args --memory ${APP_MEMORY})
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
#                 [MEMORY <MiB>] [APPEND "<bootargs>"] [TIMEOUT <s>] [STDIN <file>] [ICOUNT]
#                 [QEMU_ARGS ...])
# Builds the image and registers a CTest that boots it (with STDIN as the console's input);
# the test passes when QEMU's exit status is EXPECT_EXIT (default 0) and every EXPECT_OUTPUT
# regex matches the output. The project need not call enable_testing(): it is done here.
function(uniarm_add_test name)
	_uniarm_entry(uniarm_add_test)
	set(options ICOUNT NO_EXTABLE_SORT)
	set(one EXPECT_EXIT MEMORY APPEND TIMEOUT STDIN)
	set(multi SOURCES EXPECT_OUTPUT QEMU_ARGS)
	cmake_parse_arguments(T "${options}" "${one}" "${multi}" ${ARGN})
	_uniarm_check_args(${name} T "${options}" "${one}" "${multi}")
	if(NOT DEFINED T_EXPECT_EXIT)
		set(T_EXPECT_EXIT 0)
	endif()
	_uniarm_check_number(${name} EXPECT_EXIT "${T_EXPECT_EXIT}" 0 255 "an exit status (0-255)")
	if(NOT DEFINED T_TIMEOUT)
		set(T_TIMEOUT 30)
	endif()
	_uniarm_check_number(${name} TIMEOUT "${T_TIMEOUT}" 1 86400 "a number of seconds")
	set(app_args SOURCES ${T_SOURCES})
	foreach(opt MEMORY APPEND)
		if(DEFINED T_${opt})
			list(APPEND app_args ${opt} "${T_${opt}}")
		endif()
	endforeach()
	foreach(opt ICOUNT NO_EXTABLE_SORT)
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

# uniarm_add_ktest(<name> ...): uniarm_add_test() for a test of the runtime itself; its code
# may include and call the runtime's internal headers ("vm/gfp.h", "platform/pgtable.h", ...),
# which only a source tree has.
function(uniarm_add_ktest name)
	_uniarm_entry(uniarm_add_ktest)
	uniarm_add_test(${name} ${ARGN})
	if(NOT UNIARM_KTEST_INCLUDE)
		message(FATAL_ERROR "uniarm_add_ktest(${name}): tests of the runtime itself need "
			"uniarm's source tree (add_subdirectory(<uniarm> uniarm)): the installed uniarm at "
			"${UNIARM_PACKAGE_PREFIX} has no internal headers")
	endif()
	target_include_directories(${name} PRIVATE ${UNIARM_KTEST_INCLUDE})
	target_compile_definitions(${name} PRIVATE UNIARM_KTEST=1 _DEFAULT_SOURCE)
endfunction()
