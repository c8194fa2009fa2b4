// canary: gobaseline's drift canaries, small fixed workloads whose speed tells a slower machine
// from a slower Go (docs/methodology.md, "The drift canary").
//
// Usage:
//
//	canary                   exits at once: the process start of a Go binary (runtime included)
//	canary cpu N             N iterations of a single-threaded integer loop
//	canary pingpong N        N round trips between two goroutines locked to two OS threads
//	canary fsmeta N DIR      creates, stats and removes N files in DIR
//
// Each work mode prints the nanoseconds its work took (start-up excluded) on one line.
// Only the standard library's smallest packages are imported: gobaseline builds this once, cold.
package main

import (
	"os"
	"runtime"
	"strconv"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		return
	}
	if len(os.Args) < 3 {
		fail("usage: canary [cpu N | pingpong N | fsmeta N DIR]")
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 1 {
		fail("canary: N must be a positive number")
	}
	start := time.Now()
	switch os.Args[1] {
	case "cpu":
		if cpu(n) == 42 {
			os.Stderr.WriteString("")
		}
	case "pingpong":
		pingpong(n)
	case "fsmeta":
		if len(os.Args) != 4 {
			fail("usage: canary fsmeta N DIR")
		}
		fsmeta(n, os.Args[3])
	default:
		fail("canary: unknown mode " + strconv.Quote(os.Args[1]))
	}
	os.Stdout.WriteString(strconv.FormatInt(int64(time.Since(start)), 10) + "\n")
}

func fail(msg string) {
	os.Stderr.WriteString(msg + "\n")
	os.Exit(2)
}

// cpu is a dependent chain of multiplies and xorshifts: no memory traffic, no vectorising.
func cpu(n int) uint64 {
	x := uint64(88172645463325252)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		x *= 2685821657736338717
	}
	return x
}

// pingpong hands a token back and forth between two OS threads: the cost of a wake-up.
func pingpong(n int) {
	runtime.GOMAXPROCS(2)
	ping, pong := make(chan int), make(chan int)
	done := make(chan bool)
	go func() {
		runtime.LockOSThread()
		for v := range ping {
			pong <- v
		}
		done <- true
	}()
	runtime.LockOSThread()
	for i := 0; i < n; i++ {
		ping <- i
		<-pong
	}
	close(ping)
	<-done
}

// fsmeta is file-system metadata work: create, stat and remove files, no data.
func fsmeta(n int, dir string) {
	names := make([]string, n)
	for i := range names {
		names[i] = dir + "/c" + strconv.Itoa(i)
		f, err := os.Create(names[i])
		if err != nil {
			fail("canary: " + err.Error())
		}
		f.Close()
	}
	for _, name := range names {
		if _, err := os.Stat(name); err != nil {
			fail("canary: " + err.Error())
		}
	}
	for _, name := range names {
		if err := os.Remove(name); err != nil {
			fail("canary: " + err.Error())
		}
	}
}
