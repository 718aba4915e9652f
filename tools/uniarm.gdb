# gdb-multiarch commands for uniarm images (tools/uniarm-debug loads them; or
# gdb-multiarch IMAGE -x tools/uniarm.gdb -ex 'target remote :PORT').
#
# At a fatal fault (the application's segmentation fault, an undefined instruction, an Oops)
# the runtime calls debug_fatal_fault() -> debug_fault_stop() before it reports anything. The breakpoint below puts
# the faulting context back into the CPU (mode, registers, pc), so gdb stops AT the faulting
# instruction with the application's call chain ("bt"). "continue" from there runs the
# instruction again; it faults again at the same pc, and this time the breakpoint lets the
# runtime print its report and end the run, as a debugger passes a fatal signal on.
set pagination off
set confirm off

break debug_fault_stop
commands
silent
set $uniarm_regs = debug_fault_regs
if $uniarm_fault_pc == $uniarm_regs->uregs[15]
  printf "uniarm: the fault again at the same instruction: the runtime reports it and ends the run\n"
  continue
else
  set $uniarm_fault_pc = $uniarm_regs->uregs[15]
  # Every value is read first: once cpsr says USR mode, gdb's reads of the frame (in runtime
  # memory) would be refused, as the application's own would.
  set $uniarm_r0 = $uniarm_regs->uregs[0]
  set $uniarm_r1 = $uniarm_regs->uregs[1]
  set $uniarm_r2 = $uniarm_regs->uregs[2]
  set $uniarm_r3 = $uniarm_regs->uregs[3]
  set $uniarm_r4 = $uniarm_regs->uregs[4]
  set $uniarm_r5 = $uniarm_regs->uregs[5]
  set $uniarm_r6 = $uniarm_regs->uregs[6]
  set $uniarm_r7 = $uniarm_regs->uregs[7]
  set $uniarm_r8 = $uniarm_regs->uregs[8]
  set $uniarm_r9 = $uniarm_regs->uregs[9]
  set $uniarm_r10 = $uniarm_regs->uregs[10]
  set $uniarm_r11 = $uniarm_regs->uregs[11]
  set $uniarm_r12 = $uniarm_regs->uregs[12]
  set $uniarm_r13 = $uniarm_regs->uregs[13]
  set $uniarm_r14 = $uniarm_regs->uregs[14]
  set $uniarm_r15 = $uniarm_regs->uregs[15]
  set $uniarm_r16 = $uniarm_regs->uregs[16]
  # The mode first (cpsr), so that sp and lr land in the interrupted mode's banked registers.
  set $cpsr = $uniarm_r16
  set $r0 = $uniarm_r0
  set $r1 = $uniarm_r1
  set $r2 = $uniarm_r2
  set $r3 = $uniarm_r3
  set $r4 = $uniarm_r4
  set $r5 = $uniarm_r5
  set $r6 = $uniarm_r6
  set $r7 = $uniarm_r7
  set $r8 = $uniarm_r8
  set $r9 = $uniarm_r9
  set $r10 = $uniarm_r10
  set $r11 = $uniarm_r11
  set $r12 = $uniarm_r12
  set $sp = $uniarm_r13
  set $lr = $uniarm_r14
  set $pc = $uniarm_r15
  maintenance flush register-cache
  printf "uniarm: fatal fault; stopped at the faulting instruction (continue: report and end)\n"
  frame
end
end
set $uniarm_fault_pc = 0
