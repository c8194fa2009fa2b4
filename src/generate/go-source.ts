// Go source of one generated package: a type per file with a constructor and methods drawn
// from a set of realistic snippets (each names the standard packages it uses, so every import
// is used and none is missing), a score function per file that exercises them, and an exported
// Score that the package's importers call, so the imports of other packages are used too. The
// text is gofmt-formatted and `go vet` clean. Pure: the same inputs give the same bytes.

/** A package this package imports: its import path and the name it is used under. */
export interface ImportedPackage {
  path: string;
  alias: string;
}

/** What the source of one package depends on. */
export interface PackageSource {
  name: string;
  /** Go files to write (>= 1). */
  files: number;
  imports: ImportedPackage[];
  /** A header comment line, e.g. which generator and seed made it. */
  origin: string;
  /** A uniform [0, 1) generator: which snippets a file gets. */
  random: () => number;
}

interface Snippet {
  /** Standard packages the method uses. */
  std: string[];
  method(t: string): string;
  /** Statement(s) adding to `total` from the value `v`, inside the score function. */
  use: string;
}

const SNIPPETS: Snippet[] = [
  {
    std: ['fmt'],
    method: (t) => `// String describes the ${t} for logs.
func (r *${t}) String() string {
	return fmt.Sprintf("${t}(%s, %d, %d tags)", r.Name, r.Count, len(r.Tags))
}
`,
    use: 'total += len(v.String())',
  },
  {
    std: ['strings'],
    method: (t) => `// Key is the ${t}'s lookup key: its lower-case name and tags.
func (r *${t}) Key() string {
	return strings.ToLower(r.Name) + "/" + strings.Join(r.Tags, ",")
}
`,
    use: 'total += len(v.Key())',
  },
  {
    std: [],
    method: (t) => `// Total is the count plus every weight.
func (r *${t}) Total() int {
	total := r.Count
	for _, w := range r.Weights {
		total += w
	}
	return total
}
`,
    use: 'total += v.Total()',
  },
  {
    std: ['sort'],
    method: (t) => `// SortedTags returns the tags in order, leaving the ${t} unchanged.
func (r *${t}) SortedTags() []string {
	out := append([]string(nil), r.Tags...)
	sort.Strings(out)
	return out
}
`,
    use: 'total += len(v.SortedTags())',
  },
  {
    std: ['strconv'],
    method: (t) => `// Encode writes the ${t} as a quoted name and its count.
func (r *${t}) Encode() string {
	return strconv.Quote(r.Name) + ":" + strconv.Itoa(r.Count)
}
`,
    use: 'total += len(v.Encode())',
  },
  {
    std: ['hash/crc32'],
    method: (t) => `// Checksum identifies the ${t}'s name.
func (r *${t}) Checksum() uint32 {
	return crc32.ChecksumIEEE([]byte(r.Name))
}
`,
    use: 'total += int(v.Checksum() % 97)',
  },
  {
    std: ['errors', 'fmt'],
    method: (t) => `// Validate reports what is wrong with the ${t}, if anything.
func (r *${t}) Validate() error {
	if r.Name == "" {
		return errors.New("${t.toLowerCase()}: empty name")
	}
	if r.Count < 0 {
		return fmt.Errorf("${t.toLowerCase()} %q: negative count %d", r.Name, r.Count)
	}
	return nil
}
`,
    use: `if err := v.Validate(); err != nil {
		total += len(err.Error())
	}`,
  },
  {
    std: ['bytes'],
    method: (t) => `// Bytes renders the name and tags of the ${t}.
func (r *${t}) Bytes() []byte {
	var buf bytes.Buffer
	buf.WriteString(r.Name)
	for _, tag := range r.Tags {
		buf.WriteByte(',')
		buf.WriteString(tag)
	}
	return buf.Bytes()
}
`,
    use: 'total += len(v.Bytes())',
  },
  {
    std: ['math'],
    method: (t) => `// Norm is the Euclidean norm of the ${t}'s weights.
func (r *${t}) Norm() float64 {
	sum := 0.0
	for _, w := range r.Weights {
		sum += float64(w * w)
	}
	return math.Sqrt(sum)
}
`,
    use: 'total += int(v.Norm())',
  },
  {
    std: ['time'],
    method: (t) => `// Deadline is when work on the ${t} started at start must end.
func (r *${t}) Deadline(start time.Time) time.Time {
	return start.Add(time.Duration(r.Count) * time.Millisecond)
}
`,
    use: 'total += int(v.Deadline(time.Unix(0, 0)).UnixMilli() % 1000)',
  },
  {
    std: ['slices'],
    method: (t) => `// WeightKeys returns the weighted tags in order.
func (r *${t}) WeightKeys() []string {
	keys := make([]string, 0, len(r.Weights))
	for k := range r.Weights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
`,
    use: 'total += len(v.WeightKeys())',
  },
];

/** Type names, capitalised nouns; a file's type is unique inside its package. */
const TYPES = [
  'Record', 'Entry', 'Chunk', 'Window', 'Cursor', 'Bucket', 'Segment', 'Frame', 'Lease',
  'Claim', 'Budget', 'Digest', 'Filter', 'Packet', 'Sample', 'Snapshot', 'Span', 'Task',
]; // prettier-ignore

/** The type name of file `f`. */
function typeName(f: number): string {
  const base = TYPES[f % TYPES.length] as string;
  return f < TYPES.length ? base : `${base}${Math.floor(f / TYPES.length)}`;
}

/** The file name of file `f` of package `name`. */
export function goFileName(name: string, f: number): string {
  return f === 0 ? `${name}.go` : `${typeName(f).toLowerCase()}.go`;
}

/** An import block: standard packages, a blank line, the others (each group sorted, as gofmt). */
function importBlock(std: string[], others: ImportedPackage[]): string {
  const lines = [...new Set(std)].sort().map((p) => `\t"${p}"`);
  const rest = [...others]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((p) => `\t${p.alias} "${p.path}"`);
  if (lines.length > 0 && rest.length > 0) lines.push('');
  lines.push(...rest);
  if (lines.length === 0) return '';
  return `import (\n${lines.join('\n')}\n)\n\n`;
}

/** `k` distinct snippet indices, ascending. */
function chooseSnippets(k: number, random: () => number): number[] {
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(random() * SNIPPETS.length));
  return [...picked].sort((a, b) => a - b);
}

/** File f of a package: one type, its methods, and scoreT calling them and `calls`. */
function typeFile(
  src: PackageSource,
  f: number,
  calls: ImportedPackage[],
  extra: { std: string[]; body: string },
): string {
  const t = typeName(f);
  const snippets = chooseSnippets(3 + Math.floor(src.random() * 4), src.random).map(
    (i) => SNIPPETS[i] as Snippet,
  );
  const std = [...snippets.flatMap((s) => s.std), ...extra.std];
  const uses = snippets.map((s) => `\t${s.use}\n`).join('');
  const depCalls = calls.map((c, k) => `\ttotal += ${c.alias}.Score(n + ${k + 1})\n`).join('');
  return `${f === 0 ? `// Package ${src.name} is generated: ${src.origin}.\n` : `// ${src.origin}.\n\n`}package ${src.name}

${importBlock(std, calls)}// ${t} is one unit of work the package keeps track of.
type ${t} struct {
	Name    string
	Count   int
	Tags    []string
	Weights map[string]int
}

// New${t} returns an empty ${t} called name.
func New${t}(name string, count int) *${t} {
	return &${t}{Name: name, Count: count, Weights: make(map[string]int)}
}

// Add tags the ${t} and adds weight to the tag.
func (r *${t}) Add(tag string, weight int) {
	r.Tags = append(r.Tags, tag)
	r.Weights[tag] += weight
}

${snippets.map((s) => s.method(t)).join('\n')}
func score${t}(n int) int {
	v := New${t}("${t.toLowerCase()}", n)
	v.Add("alpha", n%7)
	v.Add("beta", n%5)
	total := 0
${uses}${depCalls}	return total
}
${extra.body}`;
}

/**
 * The files of one package, by file name. Imported packages are spread over the files, each
 * used by the file that imports it; file 0 holds the package comment and Score.
 */
export function packageFiles(src: PackageSource): Map<string, string> {
  const out = new Map<string, string>();
  const callsOf = (f: number): ImportedPackage[] =>
    src.imports.filter((_, k) => k % src.files === f);
  const scores = Array.from({ length: src.files }, (_, f) => `score${typeName(f)}(n)`);
  const score = `
// Score sums the scores of the package's types and of the packages it imports.
func Score(n int) int {
	return ${scores.join(' + ')}
}
`;
  for (let f = 0; f < src.files; f++) {
    const extra = f === 0 ? { std: [], body: score } : { std: [], body: '' };
    out.set(goFileName(src.name, f), typeFile(src, f, callsOf(f), extra));
  }
  return out;
}

/** A main package that calls Score of every package it imports and prints the sum. */
export function mainFile(origin: string, imports: ImportedPackage[]): string {
  const calls = imports.map((p, k) => `\ttotal += ${p.alias}.Score(${k + 1})\n`).join('');
  return `// Command app is generated: ${origin}.
package main

${importBlock(['fmt'], imports)}func main() {
	total := 0
${calls}	fmt.Println("score", total)
}
`;
}
