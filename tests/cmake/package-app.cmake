# CTest script (cmake -P): configure tests/cmake/package-app against the uniarm installed in
# PREFIX (find_package(uniarm 0.9 REQUIRED), the installed toolchain file, no other hint where
# the package is), build and boot it, and check what its user sees: no CMake warning; the C
# app's exit status and output; the version, the same in VERSION, share/uniarm/VERSION,
# uniarm_VERSION and the installed runtime's boot summary; a C++ app on the installed
# libstdc++; run-/debug- targets with the installed tools; ctest without enable_testing(); a
# failing assert that stops the app by default and is compiled out with
# -DCMAKE_BUILD_TYPE=Release; FILES packed into an archive that run-<app> passes with --initrd
# and that is re-packed when a file of the tree changes or is added.
# Variables: UNIARM_ROOT, PREFIX, WORK, NINJA.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(run ${PREFIX}/bin/uniarm-run)
file(READ ${UNIARM_ROOT}/VERSION version)
string(STRIP "${version}" version)
string(REPLACE "." "\\." version_re "${version}")

set(files ${WORK}-files)
file(REMOVE_RECURSE ${files})
file(WRITE ${files}/etc/app.conf "first\n")
t_run(out 0 ${WORK} ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/package-app -B ${WORK}
	-G Ninja -DCMAKE_TOOLCHAIN_FILE=${PREFIX}/share/uniarm/toolchain-armv7.cmake
	-DPKG_FILES=${files})
t_reject("${out}" "CMake Warning[^\n]*" "configure")
file(READ ${WORK}/found-version found)
if(NOT found STREQUAL version)
	t_fail("find_package(uniarm) gave uniarm_VERSION '${found}', VERSION holds '${version}'")
endif()
t_run(out 0 ${WORK} ${CMAKE_COMMAND} --build ${WORK})

t_run(out 7 ${WORK} ${run} ${WORK}/pkgapp.elf --memory 64 --append "uniarm.verbose=1 hello"
	--timeout 20)
t_expect("${out}" "out-of-tree app, 1 argument\\(s\\), first: hello" "pkgapp's output")
t_expect("${out}" "(^|\n)uniarm ${version_re}: pkgapp, RAM 64 MiB" "pkgapp's boot summary")

t_run(out 3 ${WORK} ${run} ${WORK}/pkg_cxx.elf --append "a b a" --timeout 20)
t_expect("${out}" "caught: thrown through the installed libstdc\\+\\+, 3 name\\(s\\)"
	"pkg_cxx's output")

t_run(out FAIL ${WORK} ${CMAKE_COMMAND} --build ${WORK} --target run-pkgapp)
t_expect("${out}" "\npkgapp: exit status 7\n" "run-pkgapp: the exit status")
t_expect_debug_target(${WORK} pkgapp ${PREFIX}/bin/uniarm-debug 64)
t_expect_one_ctest(${WORK} pkg_test)

# The build type is the project's: none keeps the assert, Release compiles it out.
t_run(out 134 ${WORK} ${run} ${WORK}/pkg_assert.elf --timeout 20)
t_expect("${out}"
	"assertion \"argc == 42\" failed: file \"[^\"]*/assert\\.c\", line [0-9]+, function: main"
	"pkg_assert under the default build type")
t_run(out 0 ${WORK} ${CMAKE_COMMAND} -DCMAKE_BUILD_TYPE=Release ${WORK})
t_run(out 0 ${WORK} ${CMAKE_COMMAND} --build ${WORK} --target pkg_assert)
t_run(out 0 ${WORK} ${run} ${WORK}/pkg_assert.elf --timeout 20)
t_expect("${out}" "past the assert" "pkg_assert built with -DCMAKE_BUILD_TYPE=Release")

# FILES: the archive, its --initrd in the run target, a boot with it, and re-packing.
set(cpio ${WORK}/pkg_files.cpio)
t_run(out 0 ${WORK} cpio -it --quiet -F ${cpio})
t_expect("${out}" "^etc\netc/app.conf\n$" "pkg_files.cpio's entries")
t_run(out 0 ${WORK} ${NINJA} -C ${WORK} -t commands run-pkg_files)
t_expect("${out}" "uniarm-run [^\n]*pkg_files.elf --memory 128 --initrd ${cpio}"
	"run-pkg_files passes the archive")
t_run(out FAIL ${WORK} ${CMAKE_COMMAND} --build ${WORK} --target run-pkg_files)
t_expect("${out}" "out-of-tree app, 0 argument\\(s\\).*\npkg_files: exit status 7\n"
	"run-pkg_files boots with its archive")
file(WRITE ${files}/etc/app.conf "second\n")
file(WRITE ${files}/new.txt "new\n")
t_run(out 0 ${WORK} ${CMAKE_COMMAND} --build ${WORK} --target pkg_files)
t_expect("${out}" "Packing [^\n]*-files into pkg_files.cpio" "re-packing after a change")
t_run(out 0 ${WORK} sh -c "cpio -i --to-stdout --quiet etc/app.conf < \"$1\"" sh ${cpio})
t_expect("${out}" "^second\n$" "the changed file in the archive")
t_run(out 0 ${WORK} cpio -it --quiet -F ${cpio})
t_expect("${out}" "^etc\netc/app.conf\nnew.txt\n$" "the added file in the archive")
t_run(out 0 ${WORK} ${CMAKE_COMMAND} --build ${WORK} --target pkg_files)
t_reject("${out}" "Packing" "a build with nothing changed")
