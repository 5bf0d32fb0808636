// Persona schemas: the data that makes an instance look like one real product (banners, algorithms, OS facts).
import { z } from 'zod';

const nameList = z.array(z.string().min(1)).min(1);

/** What `uname`, /etc/os-release and the login banner say; shared by every shell-bearing sensor. */
export const OsPersonaSchema = z.strictObject({
  pretty_name: z.string(),
  kernel_name: z.string(),
  kernel_release: z.string(),
  kernel_version: z.string(),
  machine: z.string(),
  os_name: z.string(),
  /** Printed after login on an interactive session, before "Last login:". */
  motd: z.string(),
});

export const SshPersonaSchema = z.strictObject({
  name: z.string(),
  /** The software part of the identification string: SSH-2.0-<ident>. */
  ident: z.string().regex(/^[\x21-\x7e]+( [\x20-\x7e]*)?$/),
  /** The server's KEXINIT lists, in the real product's order, restricted to what ssh2 can speak. */
  algorithms: z.strictObject({
    kex: nameList,
    server_host_key: nameList,
    cipher: nameList,
    mac: nameList,
    compress: nameList,
  }),
  /** Authentication methods advertised after a failed attempt, in the real product's order. */
  auth_methods: z.array(z.enum(['publickey', 'password', 'keyboard-interactive'])).min(1),
  /** The prompt text of a keyboard-interactive password request. */
  keyboard_interactive_prompt: z.string(),
  os: OsPersonaSchema,
});

export type SshPersona = z.infer<typeof SshPersonaSchema>;
export type OsPersona = z.infer<typeof OsPersonaSchema>;
