package models

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// NewHolder names this process in leases: host/pid/random/proc. proc is
// what tells this process from a later one with the same pid: a short hash
// of the boot and the pid namespace, and the process's start time in clock
// ticks since boot (both from /proc; empty where there is none). With it a
// restarted process can prove that the previous holder is gone and take its
// lease at once instead of waiting for it to expire.
func NewHolder() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	proc := ""
	if start, ok := procStart(os.Getpid()); ok && machineKey() != "" {
		proc = machineKey() + "." + start
	}
	return fmt.Sprintf("%s/%d/%s/%s", host, os.Getpid(), hex.EncodeToString(b[:]), proc)
}

// HolderGone tells whether holder names a process that provably no longer
// runs: the same host, boot and pid namespace as this process, and its pid
// is unused, a zombie, or now another process (a different start time).
// Anything it cannot prove — another host or container (a restarted
// container is a new pid namespace), an older holder format, no /proc — is
// "not gone": the lease is waited for.
func HolderGone(holder string) bool {
	parts := strings.Split(holder, "/")
	if len(parts) != 4 {
		return false
	}
	host, _ := os.Hostname()
	key, start, ok := strings.Cut(parts[3], ".")
	if !ok || parts[0] != host || key == "" || key != machineKey() {
		return false
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		// Our pid: either us (the same start time) or an earlier process
		// that had it before pids came round again.
		now, ok := procStart(pid)
		return ok && now != start
	}
	if signalZero(pid) {
		return true
	}
	st, ok := procStat(pid)
	if !ok {
		return false
	}
	return st.state == "Z" || st.state == "X" || st.start != start
}

// machineKey names this boot and pid namespace: pids are only comparable
// within one.
func machineKey() string {
	boot, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	ns, err := os.Readlink("/proc/self/ns/pid")
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(string(boot)) + "|" + ns))
	return hex.EncodeToString(sum[:4])
}

// signalZero reports whether signal 0 (which only checks) finds pid gone.
func signalZero(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	defer p.Release()
	return errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}

type procInfo struct{ state, start string }

// procStat reads a process's state and start time from /proc/PID/stat.
// The command name (field 2) may hold spaces and parentheses, so fields
// are counted from the last ')'.
func procStat(pid int) (procInfo, bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procInfo{}, false
	}
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return procInfo{}, false
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 20 { // f[0] is field 3 (state), f[19] field 22 (starttime)
		return procInfo{}, false
	}
	return procInfo{state: f[0], start: f[19]}, true
}

func procStart(pid int) (string, bool) {
	st, ok := procStat(pid)
	return st.start, ok
}
