// chmod's mode language: octal (755, 4755) and symbolic (u+x, go-w, a=rX, +t, comma lists), applied as coreutils does.

const UMASK = 0o022;

/**
 * The new permission bits for a node with `current` bits, or undefined when the mode text is invalid.
 * `isDir` matters for X. A symbolic clause without who (`+x`) is filtered by the umask, as chmod does.
 */
export function parseModeArg(text: string, current: number, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(text)) return Number.parseInt(text, 8);
  let mode = current;
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXst]*|[-+=][ugo])+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] ?? '';
    let mask = 0;
    for (const w of who || 'a') mask |= w === 'u' ? 0o4700 : w === 'g' ? 0o2070 : w === 'o' ? 0o1007 : 0o7777;
    const umask = who === '' ? ~UMASK : 0o7777;
    for (const [, op, perms] of m[2]!.matchAll(/([-+=])([rwxXstugo]*)/g)) {
      let bits = 0;
      if (perms && /^[ugo]$/.test(perms)) {
        const src = perms === 'u' ? (mode >> 6) & 7 : perms === 'g' ? (mode >> 3) & 7 : mode & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const p of perms ?? '') {
          if (p === 'r') bits |= 0o444;
          else if (p === 'w') bits |= 0o222;
          else if (p === 'x') bits |= 0o111;
          else if (p === 'X') bits |= isDir || mode & 0o111 ? 0o111 : 0;
          else if (p === 's') bits |= 0o6000;
          else if (p === 't') bits |= 0o1000;
        }
      }
      const eff = bits & mask & (op === '=' ? 0o7777 : umask);
      if (op === '+') mode |= eff;
      else if (op === '-') mode &= ~eff;
      else mode = (mode & ~(mask & 0o7777)) | eff;
    }
  }
  return mode & 0o7777;
}

/** Looks like a mode (so `chmod -x f` takes "-x" as the mode, not as an option). */
export function isModeText(text: string): boolean {
  return /^[0-7]{1,4}$/.test(text) || /^([ugoa]*([-+=][rwxXstugo]*)+)(,[ugoa]*([-+=][rwxXstugo]*)+)*$/.test(text);
}
