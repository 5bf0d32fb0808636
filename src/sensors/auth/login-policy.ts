// Which logins succeed: Cowrie-style userdb rules (glob or /regex/ per side, "!" denies), first match wins.
import type { UserRule } from '../../schema/config.js';

interface CompiledRule {
  user: (s: string) => boolean;
  pass: (s: string) => boolean;
  allow: boolean;
}

/** Longest username or password we compare; longer input is still recorded, but never matches a rule. */
const MAX_CREDENTIAL_LENGTH = 1024;

function matcher(pattern: string): (s: string) => boolean {
  if (pattern === '*') return () => true;
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
    const re = new RegExp(pattern.slice(1, -1));
    return (s) => re.test(s);
  }
  if (/[*?]/.test(pattern)) {
    const re = new RegExp(
      '^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$',
      's',
    );
    return (s) => re.test(s);
  }
  return (s) => s === pattern;
}

export class LoginPolicy {
  private readonly rules: CompiledRule[];

  constructor(rules: readonly UserRule[]) {
    this.rules = rules.map((r) => {
      const allow = !r.password.startsWith('!');
      return { user: matcher(r.username), pass: matcher(allow ? r.password : r.password.slice(1)), allow };
    });
  }

  /** True when the first rule matching both sides allows; no match refuses. */
  accepts(username: string, password: string): boolean {
    if (username.length > MAX_CREDENTIAL_LENGTH || password.length > MAX_CREDENTIAL_LENGTH) return false;
    for (const rule of this.rules) {
      if (rule.user(username) && rule.pass(password)) return rule.allow;
    }
    return false;
  }
}
