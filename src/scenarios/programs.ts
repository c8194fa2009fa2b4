// Source of the generated Go modules the scenarios build and run.
import type { WorkspaceId } from './types.js';

const goMod = (name: string): string => `module ${name}\n\ngo 1.21\n`;

/** Files of each workspace, by relative path. */
export const WORKSPACES: Record<WorkspaceId, Record<string, string>> = {
  hello: {
    'go.mod': goMod('hello'),
    'main.go': `package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
`,
  },
  // "Empty" as the source document measures it: the program only reports its own
  // peak RSS (VmHWM) from /proc/self/status, so the figure is the process's own.
  empty: {
    'go.mod': goMod('empty'),
    'main.go': `package main

import "os"

func main() {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return // not Linux: nothing to report
	}
	os.Stdout.Write(status)
}
`,
  },
  // Allocation-heavy: about 1 GB of short-lived slices with a small retained set,
  // so the collector runs a few hundred cycles in a quarter of a second.
  gcalloc: {
    'go.mod': goMod('gcalloc'),
    'main.go': `package main

import "fmt"

var sink [][]byte

func main() {
	keep := make([][]byte, 0, 4096)
	total := 0
	for i := 0; i < 400000; i++ {
		b := make([]byte, 1024+(i%7)*512)
		total += len(b)
		if i%100 == 0 {
			keep = append(keep, b)
			if len(keep) == cap(keep) {
				keep = keep[:0]
			}
		}
	}
	sink = keep
	fmt.Println("allocated", total)
}
`,
  },
};
