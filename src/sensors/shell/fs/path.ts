// Lexical path helpers of the emulated file system: every path it stores is absolute and normalised.

/** "/a//b/./c/../d" -> "/a/b/d"; `..` at the root stays at the root, as the kernel does. */
export function normalise(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The components of a path ("/" has none); `.` is dropped, `..` kept for the walk to resolve physically. */
export function components(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}

export function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** `p` is `dir` itself or lies below it. */
export function isWithin(p: string, dir: string): boolean {
  return dir === '/' || p === dir || p.startsWith(dir + '/');
}

/** Byte order (strcmp), as readdir callers in the C locale expect. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
