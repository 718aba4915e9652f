# CMake toolchain for uniarm images: Clang + LLD targeting ARMv7-A (Cortex-A15), soft-float,
# linked against Debian's newlib (thumb/v7-a/nofp multilib) and the matching libgcc.
# Paths are found by asking the installed tools, never by a hard-coded GCC version.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

find_program(UNIARM_CLANG NAMES clang clang-14 REQUIRED)
find_program(UNIARM_LLD NAMES ld.lld ld.lld-14 REQUIRED)
find_program(UNIARM_ARM_GCC NAMES arm-none-eabi-gcc REQUIRED)

set(CMAKE_C_COMPILER ${UNIARM_CLANG})
set(CMAKE_ASM_COMPILER ${UNIARM_CLANG})
set(CMAKE_C_COMPILER_TARGET armv7a-none-eabi)
set(CMAKE_ASM_COMPILER_TARGET armv7a-none-eabi)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(UNIARM_TARGET_FLAGS "-mcpu=cortex-a15 -mfloat-abi=soft -marm")

# The multilib directory that matches our flags, and libgcc for the same multilib.
execute_process(
	COMMAND ${UNIARM_ARM_GCC} -mthumb -march=armv7-a -mfloat-abi=soft -print-multi-directory
	OUTPUT_VARIABLE UNIARM_MULTIDIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(
	COMMAND ${UNIARM_ARM_GCC} -mthumb -march=armv7-a -mfloat-abi=soft -print-libgcc-file-name
	OUTPUT_VARIABLE UNIARM_LIBGCC OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(
	COMMAND ${UNIARM_ARM_GCC} -print-sysroot
	OUTPUT_VARIABLE UNIARM_GCC_SYSROOT OUTPUT_STRIP_TRAILING_WHITESPACE)
# Debian's newlib lives in /usr/lib/arm-none-eabi; gcc reports it through -print-file-name.
execute_process(
	COMMAND ${UNIARM_ARM_GCC} -mthumb -march=armv7-a -mfloat-abi=soft -print-file-name=libc.a
	OUTPUT_VARIABLE UNIARM_LIBC OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(UNIARM_NEWLIB_LIBDIR ${UNIARM_LIBC} DIRECTORY)
get_filename_component(UNIARM_NEWLIB_ROOT ${UNIARM_NEWLIB_LIBDIR}/../../../../ ABSOLUTE)
if(NOT UNIARM_MULTIDIR STREQUAL "thumb/v7-a/nofp" OR NOT EXISTS ${UNIARM_LIBC} OR NOT EXISTS ${UNIARM_LIBGCC})
	message(FATAL_ERROR "uniarm: newlib thumb/v7-a/nofp multilib not found "
		"(multidir '${UNIARM_MULTIDIR}', libc '${UNIARM_LIBC}', libgcc '${UNIARM_LIBGCC}'); "
		"install libnewlib-arm-none-eabi and gcc-arm-none-eabi")
endif()
set(UNIARM_NEWLIB_INCLUDE ${UNIARM_NEWLIB_ROOT}/include)
if(NOT EXISTS ${UNIARM_NEWLIB_INCLUDE}/stdio.h)
	message(FATAL_ERROR "uniarm: newlib headers not found at ${UNIARM_NEWLIB_INCLUDE}")
endif()

set(CMAKE_C_FLAGS_INIT "${UNIARM_TARGET_FLAGS} -fno-omit-frame-pointer -funwind-tables -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${UNIARM_TARGET_FLAGS}")
set(CMAKE_C_STANDARD_INCLUDE_DIRECTORIES ${UNIARM_NEWLIB_INCLUDE})
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib -static")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
