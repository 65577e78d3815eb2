package testenv

import (
	"os/exec"
	"syscall"
)

// KillWithParent makes a server the tests start die with the test process,
// so that a test binary killed by a timeout or an interrupt leaves no
// gateway or S3 server running behind it.
func KillWithParent(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
