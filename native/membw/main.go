// membw: gobaseline's memory-bandwidth probe and background load.
//
// Usage:
//
//	membw bandwidth [-mib N]  copy and triad bandwidth of one thread, STREAM-style,
//	                          in about a second; prints {"copyGBps":..,"triadGBps":..,...}
//	membw load [-mib N]       copies arrays back and forth until stdin is closed or
//	                          SIGTERM arrives; prints "ready" once its arrays are touched
//
// Bytes are counted as STREAM counts them: copy moves 16 bytes per element (one read, one
// write), triad 24 (two reads, one write); the write-allocate read is not counted. Each
// figure is the best of several passes, so a pass slowed by another process does not count.
//
// The arrays are sized from the last-level cache (sysfs), so that they cannot live in it,
// and capped so that the probe stays within a second and a few hundred MiB. Only the
// standard library's smallest packages are imported: gobaseline builds this once, cold.
package main

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

const (
	mib = 1 << 20
	// Arrays are at least this large even where sysfs does not tell the cache size.
	minArrayBytes = 64 * mib
	// And at most this large, so that the probe stays within its second: a server part's
	// shared L3 (260 MiB here, of which a small VM gets a share) would ask for 1 GiB.
	maxArrayBytes = 128 * mib
	// The bandwidth mode starts no new pass after this long (counted from its start).
	budget = 800 * time.Millisecond
	// At most this many passes of each kernel.
	maxPasses = 10
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: membw bandwidth|load [-mib N]")
	}
	size := arrayBytes(os.Args[2:])
	switch os.Args[1] {
	case "bandwidth":
		bandwidth(size)
	case "load":
		load(size)
	default:
		fail("membw: unknown mode " + strconv.Quote(os.Args[1]))
	}
}

func fail(msg string) {
	os.Stderr.WriteString(msg + "\n")
	os.Exit(2)
}

// arrayBytes is the size of each array: -mib N, else four times the last-level cache,
// clamped to [minArrayBytes, maxArrayBytes].
func arrayBytes(args []string) int {
	if len(args) == 2 && args[0] == "-mib" {
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 1 {
			fail("membw: -mib wants a positive number of MiB")
		}
		return n * mib
	}
	if len(args) != 0 {
		fail("usage: membw bandwidth|load [-mib N]")
	}
	// No min/max builtins: any go since 1.17 or so builds this file.
	size := 4 * lastLevelCacheBytes()
	if size < minArrayBytes {
		return minArrayBytes
	}
	if size > maxArrayBytes {
		return maxArrayBytes
	}
	return size
}

// lastLevelCacheBytes is the largest cache of CPU 0 that sysfs lists, or 0.
func lastLevelCacheBytes() int {
	largest := 0
	for i := 0; i < 8; i++ {
		b, err := os.ReadFile("/sys/devices/system/cpu/cpu0/cache/index" + strconv.Itoa(i) + "/size")
		if err != nil {
			break
		}
		s := strings.TrimSpace(string(b))
		unit := 1
		switch {
		case strings.HasSuffix(s, "K"):
			unit, s = 1<<10, strings.TrimSuffix(s, "K")
		case strings.HasSuffix(s, "M"):
			unit, s = 1<<20, strings.TrimSuffix(s, "M")
		}
		if n, err := strconv.Atoi(s); err == nil && n*unit > largest {
			largest = n * unit
		}
	}
	return largest
}

// arrays allocates n float64 arrays of size bytes each and writes every page, so that page
// faults are not timed.
func arrays(n, size int) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		a := make([]float64, size/8)
		for j := range a {
			a[j] = float64(i + 1)
		}
		out[i] = a
	}
	return out
}

func copyKernel(c, a []float64) {
	copy(c, a)
}

func triadKernel(a, b, c []float64, q float64) {
	b = b[:len(a)]
	c = c[:len(a)]
	for i := range a {
		a[i] = b[i] + q*c[i]
	}
}

// best runs kernel until the budget ends (at least twice, at most maxPasses) and returns the
// shortest pass.
func best(kernel func(), deadline time.Time) time.Duration {
	var shortest time.Duration
	for pass := 0; pass < maxPasses; pass++ {
		if pass >= 2 && time.Now().After(deadline) {
			break
		}
		start := time.Now()
		kernel()
		if d := time.Since(start); pass == 0 || d < shortest {
			shortest = d
		}
	}
	return shortest
}

func bandwidth(size int) {
	runtime.GOMAXPROCS(1)
	started := time.Now()
	v := arrays(3, size)
	a, b, c := v[0], v[1], v[2]
	touched := time.Now()
	// Half the remaining budget each, so triad still gets its share after a slow copy.
	deadline := started.Add(budget)
	copyBest := best(func() { copyKernel(c, a) }, touched.Add(deadline.Sub(touched)/2))
	triadBest := best(func() { triadKernel(a, b, c, 3.0) }, deadline)
	n := float64(len(a))
	gbps := func(bytesPerElem float64, d time.Duration) string {
		return strconv.FormatFloat(bytesPerElem*n/d.Seconds()/1e9, 'f', 2, 64)
	}
	os.Stdout.WriteString(`{"copyGBps":` + gbps(16, copyBest) +
		`,"triadGBps":` + gbps(24, triadBest) +
		`,"arrayBytes":` + strconv.Itoa(size) +
		`,"touchMs":` + strconv.FormatInt(touched.Sub(started).Milliseconds(), 10) +
		`,"elapsedMs":` + strconv.FormatInt(time.Since(started).Milliseconds(), 10) + "}\n")
}

func load(size int) {
	runtime.GOMAXPROCS(1)
	// Closed stdin means gobaseline is gone (also after SIGKILL): stop at once. SIGTERM needs no
	// handler: Go's default action for it is to exit.
	go func() {
		buf := make([]byte, 64)
		for {
			if _, err := os.Stdin.Read(buf); err != nil {
				os.Exit(0)
			}
		}
	}()
	v := arrays(2, size)
	os.Stdout.WriteString("ready\n")
	for {
		copyChunks(v[1], v[0])
		copyChunks(v[0], v[1])
	}
}

// loadChunk is the elements copied per call of copyChunk (1 MiB).
const loadChunk = mib / 8

// copyChunks copies a to c one chunk per call: each call is a point where the scheduler can
// stop this goroutine (memmove is not), so the stdin watcher runs as soon as stdin closes.
func copyChunks(c, a []float64) {
	for off := 0; off+loadChunk <= len(a); off += loadChunk {
		copyChunk(c[off:off+loadChunk], a[off:off+loadChunk])
	}
}

//go:noinline
func copyChunk(c, a []float64) {
	copy(c, a)
}
