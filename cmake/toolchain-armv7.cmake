# CMake toolchain for uniarm images: Clang + LLD targeting ARMv7-A (Cortex-A15) with its FPU
# (VFPv4 + NEON, hard-float ABI), linked against the newlib that tools/build-newlib builds from
# Debian's newlib-source for exactly these flags (cached per user, docs/libc.md; an installed
# uniarm brings the one it was built with, docs/cmake.md) and the libgcc of arm-none-eabi-gcc's
# matching multilib. Paths are found by asking the installed tools, never by a hard-coded GCC
# version. C++ (clang++) is set up here too; its library, libstdc++
# built by tools/build-libstdcxx, is added by cmake/uniarm.cmake when a project enables CXX.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

find_program(UNIARM_CLANG NAMES clang clang-14)
find_program(UNIARM_CLANGXX NAMES clang++ clang++-14)
find_program(UNIARM_LLD NAMES ld.lld ld.lld-14)
find_program(UNIARM_ARM_GCC NAMES arm-none-eabi-gcc)
foreach(tool CLANG:clang CLANGXX:clang LLD:lld ARM_GCC:gcc-arm-none-eabi)
	string(REPLACE ":" ";" tool ${tool})
	list(GET tool 0 var)
	list(GET tool 1 package)
	if(NOT UNIARM_${var})
		message(FATAL_ERROR "uniarm: ${var} not found: apt-get install ${package} "
			"(tools/uniarm-dev build installs everything)")
	endif()
endforeach()

set(CMAKE_C_COMPILER ${UNIARM_CLANG})
set(CMAKE_ASM_COMPILER ${UNIARM_CLANG})
set(CMAKE_CXX_COMPILER ${UNIARM_CLANGXX})
set(CMAKE_C_COMPILER_TARGET armv7a-none-eabi)
set(CMAKE_CXX_COMPILER_TARGET armv7a-none-eabi)
set(CMAKE_ASM_COMPILER_TARGET armv7a-none-eabi)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Applications, newlib and libgcc all use the FPU and the hard-float calling convention. The
# runtime's own code is compiled with -mfpu=none on top of these (runtime/CMakeLists.txt).
set(UNIARM_TARGET_FLAGS "-mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard -marm")

# newlib. In a source tree (this file in <uniarm>/cmake), built once per configuration by
# tools/build-newlib, which prints its install directory. In an installed uniarm (this file in
# <prefix>/share/uniarm), the copy installed with the runtime, which was compiled against it;
# the prefix also goes to CMAKE_PREFIX_PATH, so that find_package(uniarm) finds this package
# (docs/cmake.md).
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/../tools/build-newlib)
	get_filename_component(UNIARM_TOOLCHAIN_ROOT ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
	execute_process(COMMAND ${UNIARM_TOOLCHAIN_ROOT}/tools/build-newlib
		OUTPUT_VARIABLE UNIARM_NEWLIB_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
		RESULT_VARIABLE newlib_status)
	if(NOT newlib_status EQUAL 0 OR NOT EXISTS ${UNIARM_NEWLIB_DIR}/lib/libc.a)
		message(FATAL_ERROR "uniarm: building newlib failed (tools/build-newlib, message above)")
	endif()
elseif(EXISTS ${CMAKE_CURRENT_LIST_DIR}/../../lib/uniarm/newlib/lib/libc.a)
	get_filename_component(UNIARM_TOOLCHAIN_PREFIX ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)
	set(UNIARM_NEWLIB_DIR ${UNIARM_TOOLCHAIN_PREFIX}/lib/uniarm/newlib)
	list(APPEND CMAKE_PREFIX_PATH ${UNIARM_TOOLCHAIN_PREFIX})
else()
	message(FATAL_ERROR "uniarm: ${CMAKE_CURRENT_LIST_FILE} is neither in a uniarm source tree "
		"(no ../tools/build-newlib) nor in an installed uniarm (no "
		"../../lib/uniarm/newlib/lib/libc.a)")
endif()
set(UNIARM_NEWLIB_LIBDIR ${UNIARM_NEWLIB_DIR}/lib)
set(UNIARM_NEWLIB_INCLUDE ${UNIARM_NEWLIB_DIR}/include)

# libgcc of the multilib that matches the target flags (thumb/v7ve+simd/hard: Thumb code,
# which interworks with ARM-state callers).
execute_process(
	COMMAND ${UNIARM_ARM_GCC} -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard -marm
		-print-libgcc-file-name
	OUTPUT_VARIABLE UNIARM_LIBGCC OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT UNIARM_LIBGCC MATCHES "/hard/libgcc\\.a$" OR NOT EXISTS ${UNIARM_LIBGCC})
	message(FATAL_ERROR "uniarm: no hard-float libgcc for Cortex-A15 ('${UNIARM_LIBGCC}'); "
		"apt-get install gcc-arm-none-eabi")
endif()

set(CMAKE_C_FLAGS_INIT "${UNIARM_TARGET_FLAGS} -fno-omit-frame-pointer -funwind-tables -ffunction-sections -fdata-sections")
# C++: the same flags. clang adds no C++ include directory of its own for this target (only
# its resource directory); those of uniarm's libstdc++ come from cmake/uniarm.cmake.
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT}")
set(CMAKE_ASM_FLAGS_INIT "${UNIARM_TARGET_FLAGS}")
set(CMAKE_C_STANDARD_INCLUDE_DIRECTORIES ${UNIARM_NEWLIB_INCLUDE})
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib -static")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
