package chkit

import "syscall"

// procAttr puts the server in its own process group, and has the kernel
// kill it when the test process dies (no server outlives a test binary
// killed by its timeout).
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

func killGroup(pid int) { syscall.Kill(-pid, syscall.SIGKILL) }
