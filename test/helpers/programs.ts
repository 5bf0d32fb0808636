// Finding the real client programs the tests drive; missing ones fail under CI=true and skip locally.
import { execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';

function which(program: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when every program is installed. Otherwise: under CI=true the test fails (a missing tool must never
 * look like a pass); locally it is skipped with the reason printed.
 */
export function requirePrograms(t: TestContext, ...programs: string[]): boolean {
  const missing = programs.filter((p) => !which(p));
  if (missing.length === 0) return true;
  const reason = `missing program(s): ${missing.join(', ')} (apt-get install ${missing.join(' ')})`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`);
  process.stderr.write(`skipping "${t.name}": ${reason}\n`);
  t.skip(reason);
  return false;
}
