// ssh-keygen (OpenSSH 9.2p1): generates a key pair file text (random key material in the right wire
// format; no real key is needed), prints OpenSSH's fingerprint and randomart, and -l fingerprints a
// public key file exactly as the real tool does (SHA256 of the decoded blob).
import { createHash, randomBytes } from 'node:crypto';
import type { Command, CommandContext } from '../command.js';
import { fsOf, readPath, resolvePath } from '../system/fs.js';

type KeyType = 'rsa' | 'ed25519' | 'ecdsa';
const TITLES: Record<KeyType, string> = { rsa: 'RSA', ed25519: 'ED25519', ecdsa: 'ECDSA' };

const str = (b: Buffer | string): Buffer => {
  const body = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
};

function publicBlob(type: KeyType, bits: number): Buffer {
  if (type === 'ed25519') return Buffer.concat([str('ssh-ed25519'), str(randomBytes(32))]);
  if (type === 'ecdsa') return Buffer.concat([str('ecdsa-sha2-nistp256'), str('nistp256'), str(Buffer.concat([Buffer.from([4]), randomBytes(64)]))]);
  const n = randomBytes(bits / 8);
  n[0] = n[0]! | 0x80;
  return Buffer.concat([str('ssh-rsa'), str(Buffer.from([1, 0, 1])), str(Buffer.concat([Buffer.from([0]), n]))]);
}

const fingerprint = (blob: Buffer): Buffer => createHash('sha256').update(blob).digest();
const fpText = (d: Buffer): string => `SHA256:${d.toString('base64').replace(/=+$/, '')}`;

/** OpenSSH's "drunken bishop" randomart for a digest. */
export function randomart(digest: Buffer, title: string): string {
  const W = 17;
  const H = 9;
  const chars = ' .o+=*BOX@%&#/^SE';
  const field = Array.from({ length: W }, () => new Array<number>(H).fill(0));
  let x = 8;
  let y = 4;
  for (const byte of digest) {
    let input = byte;
    for (let b = 0; b < 4; b++) {
      x = Math.min(W - 1, Math.max(0, x + (input & 1 ? 1 : -1)));
      y = Math.min(H - 1, Math.max(0, y + (input & 2 ? 1 : -1)));
      if (field[x]![y]! < chars.length - 2) field[x]![y]!++;
      input >>= 2;
    }
  }
  field[8]![4] = chars.length - 2;
  field[x]![y] = chars.length - 1;
  const border = (label: string): string => {
    const left = Math.floor((W - label.length) / 2);
    return `+${'-'.repeat(left)}${label}${'-'.repeat(W - left - label.length)}+\n`;
  };
  let out = border(title);
  for (let row = 0; row < H; row++) out += `|${Array.from({ length: W }, (_, col) => chars[field[col]![row]!]).join('')}|\n`;
  return out + border('[SHA256]');
}

export const sshKeygen: Command = {
  name: 'ssh-keygen',
  paths: ['/usr/bin/ssh-keygen'],
  run(ctx) {
    let type: KeyType = 'rsa';
    let bits: number | undefined;
    let file: string | undefined;
    let passphrase: string | undefined;
    let comment = `${ctx.user.name}@${ctx.hostname}`;
    let list = false;
    let quiet = false;
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-t') {
        const t = args[++i] ?? '';
        if (t !== 'rsa' && t !== 'ed25519' && t !== 'ecdsa') {
          ctx.stderr('unknown key type ' + t + '\n');
          return 255;
        }
        type = t;
      } else if (a === '-b') bits = Number(args[++i]);
      else if (a === '-f') file = args[++i];
      else if (a === '-N') passphrase = args[++i] ?? '';
      else if (a === '-C') comment = args[++i] ?? '';
      else if (a === '-l') list = true;
      else if (a === '-q') quiet = true;
      else if (a === '-E' || a === '-m') i++;
      else if (!/^-[vyBHk]$/.test(a)) {
        ctx.stderr(`ssh-keygen: illegal option -- ${a.replace(/^-+/, '').charAt(0)}\nusage: ssh-keygen [-q] [-a rounds] [-b bits] [-C comment] [-f output_keyfile]\n                  [-m format] [-N new_passphrase] [-O option]\n                  [-t dsa | ecdsa | ecdsa-sk | ed25519 | ed25519-sk | rsa]\n                  [-w provider] [-Z cipher]\n`);
        return 255;
      }
    }
    const dflt = `${ctx.user.home}/.ssh/id_${type}`;
    if (list) return listFingerprint(ctx, file ?? `${dflt}.pub`);
    const size = type === 'rsa' ? (bits && bits >= 1024 && bits <= 16384 && bits % 8 === 0 ? bits : 3072) : type === 'ecdsa' ? 256 : 256;
    let out = `Generating public/private ${type} key pair.\n`;
    if (file === undefined) {
      out += `Enter file in which to save the key (${dflt}): `;
      file = dflt;
    }
    const abs = resolvePath(ctx.cwd, file, ctx.user.home);
    if (readPath(ctx, file).ok) {
      ctx.stdout(`${out}${file} already exists.\nOverwrite (y/n)? `);
      return 1;
    }
    if (passphrase === undefined) out += 'Enter passphrase (empty for no passphrase): \nEnter same passphrase again: \n';
    const blob = publicBlob(type, size);
    const priv = Buffer.concat([Buffer.from('openssh-key-v1\0'), str('none'), str('none'), str(''), Buffer.from([0, 0, 0, 1]), str(blob), str(randomBytes(type === 'rsa' ? (size / 8) * 4 + 64 : 144))]);
    const wrapped = priv.toString('base64').replace(/(.{70})/g, '$1\n').replace(/\n$/, '');
    const keyName = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString();
    try {
      fsOf(ctx).writeFile(abs, Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY-----\n${wrapped}\n-----END OPENSSH PRIVATE KEY-----\n`), { mode: 0o600 });
      fsOf(ctx).writeFile(`${abs}.pub`, Buffer.from(`${keyName} ${blob.toString('base64')} ${comment}\n`), { mode: 0o644 });
    } catch {
      ctx.stdout(out);
      ctx.stderr(`Saving key "${file}" failed: Permission denied\n`);
      return 255;
    }
    const d = fingerprint(blob);
    if (!quiet) out += `Your identification has been saved in ${file}\nYour public key has been saved in ${file}.pub\nThe key fingerprint is:\n${fpText(d)} ${comment}\nThe key's randomart image is:\n${randomart(d, `[${TITLES[type]} ${size}]`)}`;
    ctx.stdout(quiet ? '' : out);
    return 0;
  },
};

function listFingerprint(ctx: CommandContext, file: string): number {
  const r = readPath(ctx, file);
  if (!r.ok) {
    ctx.stderr(`ssh-keygen: ${file}: No such file or directory\n`);
    return 255;
  }
  const line = r.text.split('\n').find((l) => /^(ssh-|ecdsa-)/.test(l.trim()));
  const [name, b64, ...rest] = (line ?? '').trim().split(/\s+/);
  const blob = b64 ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
  if (!name || blob.length < 8) {
    ctx.stderr(`${file} is not a public key file.\n`);
    return 255;
  }
  const type = name === 'ssh-rsa' ? 'RSA' : name === 'ssh-ed25519' ? 'ED25519' : name.startsWith('ecdsa') ? 'ECDSA' : 'UNKNOWN';
  const bits = type === 'RSA' ? rsaBits(blob) : 256;
  ctx.stdout(`${bits} ${fpText(fingerprint(blob))} ${rest.join(' ') || 'no comment'} (${type})\n`);
  return 0;
}

/** The modulus length of an ssh-rsa blob: string name, mpint e, mpint n. */
function rsaBits(blob: Buffer): number {
  try {
    let off = 4 + blob.readUInt32BE(0);
    off += 4 + blob.readUInt32BE(off);
    const len = blob.readUInt32BE(off);
    const n = blob.subarray(off + 4, off + 4 + len);
    const lead = n.findIndex((x) => x !== 0);
    return lead < 0 ? 0 : (n.length - lead) * 8 - Math.clz32(n[lead]!) + 24;
  } catch {
    return 0;
  }
}
