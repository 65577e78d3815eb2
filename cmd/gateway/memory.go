package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// defaultMemoryShare is the part of the machine's memory that the queries'
// sorts, aggregations and joins may hold when --memory-limit is not given.
const defaultMemoryShare = "50%"

// byteUnits are the size suffixes --memory-limit accepts, in units of 1024
// as PostgreSQL's memory settings use them (kB, MB, GB, TB; KiB... too).
var byteUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
	"m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
	"g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
	"t": 1 << 40, "tb": 1 << 40, "tib": 1 << 40,
}

// parseMemoryLimit reads a --memory-limit value: a size ("4GB", "512MiB",
// "1073741824"), a share of the machine's memory ("50%"), or 0 for no
// limit. machine is the memory the machine (or its cgroup) has.
func parseMemoryLimit(value string, machine int64) (int64, error) {
	v := strings.TrimSpace(strings.ToLower(value))
	if pct, ok := strings.CutSuffix(v, "%"); ok {
		p, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
		if err != nil || p <= 0 || p > 100 {
			return 0, fmt.Errorf("--memory-limit %q: a share must be between 0%% and 100%%", value)
		}
		return int64(float64(machine) * p / 100), nil
	}
	i := strings.IndexFunc(v, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(v)
	}
	number, unit := v[:i], strings.TrimSpace(v[i:])
	scale, ok := byteUnits[unit]
	n, err := strconv.ParseFloat(number, 64)
	if !ok || err != nil || n < 0 {
		return 0, fmt.Errorf("--memory-limit %q: want a size such as 4GB or 512MB, a share such as 50%%, or 0 for no limit", value)
	}
	return int64(n * float64(scale)), nil
}

// machineMemory is the memory this process may use: the cgroup's limit
// when one is set, else the machine's physical memory; 0 when neither can
// be read.
func machineMemory() int64 {
	total := meminfoTotal()
	if limit := cgroupLimit(); limit > 0 && (total == 0 || limit < total) {
		return limit
	}
	return total
}

func meminfoTotal() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

func cgroupLimit() int64 {
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
		if err == nil && n > 0 && n < 1<<60 {
			return n
		}
	}
	return 0
}
