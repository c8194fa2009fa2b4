// Parser for the commands `go build -x` prints on stderr: which packages the compiler ran for.
// An independent view of the cache: a package served from GOCACHE has no compile command.
// Pure: text in, data out.

/**
 * Splits one printed command into words: the go command quotes a word that needs it with
 * double quotes (Go syntax, backslash escapes) and the shell lines it writes use single quotes.
 */
export function splitCommandWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '"') {
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        word += line[i];
      }
    } else if (c === "'") {
      for (i++; i < line.length && line[i] !== "'"; i++) word += line[i];
    } else {
      word += c;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function isCompileTool(word: string): boolean {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return base === 'compile' || base === 'compile.exe';
}

/**
 * The `-p` value (the package path; `main` for commands) of every compiler invocation in
 * `go build -x` output, in order. Here-document bodies (importcfg files) are skipped, and a
 * compiler started through -toolexec is found after its wrapper.
 */
export function compiledPackagesFromBuildX(stderr: string): string[] {
  const packages: string[] = [];
  let heredocEnd: string | null = null;
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    if (heredocEnd !== null) {
      if (line === heredocEnd) heredocEnd = null;
      continue;
    }
    const heredoc = /<<\s*'([^']+)'/.exec(line);
    if (heredoc) {
      heredocEnd = heredoc[1] ?? null;
      continue;
    }
    const words = splitCommandWords(line);
    const tool = words.findIndex(isCompileTool);
    if (tool < 0) continue;
    const p = words.indexOf('-p', tool + 1);
    const pkg = p < 0 ? undefined : words[p + 1];
    if (pkg !== undefined) packages.push(pkg);
  }
  return packages;
}
