// gomaxprocs-probe prints the GOMAXPROCS the Go runtime picks when the environment sets none,
// and runtime.NumCPU(): gobaseline records both in the fingerprint's topology section. It is
// built with the go being measured (its runtime decides the default) and prints with the println
// builtin, so no package beyond the runtime is compiled on the first, cold build.
package main

import "runtime"

func main() { println("gomaxprocs", runtime.GOMAXPROCS(0), "numcpu", runtime.NumCPU()) }
