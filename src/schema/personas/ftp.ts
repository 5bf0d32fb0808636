// The FTP persona schema: greeting, fixed multi-line replies and the small directory tree an instance shows.
import { z } from 'zod';

/** One line of a reply text: printable ASCII only, so a persona can never inject CR/LF into the control channel. */
const replyText = z.string().regex(/^[\x20-\x7e]*$/, 'printable ASCII only');

const fileName = z.string().regex(/^[^/\0\r\n]{1,255}$/, 'a file name without "/", NUL, CR or LF');

/** How a file's bytes are made when the attacker downloads it. */
export const FtpFileContentSchema = z.discriminatedUnion('kind', [
  /** Exactly this text (its size is the UTF-8 length). */
  z.strictObject({ kind: z.literal('text'), text: z.string().max(65_536) }),
  /** `size` bytes that look like the format's header followed by seeded noise (archives, dumps). */
  z.strictObject({
    kind: z.literal('noise'),
    size: z.number().int().min(0).max(64 * 1024 * 1024),
    magic_hex: z.string().regex(/^([0-9a-f]{2})*$/).default(''),
  }),
]);
export type FtpFileContent = z.infer<typeof FtpFileContentSchema>;

interface FtpNodeInput {
  name: string;
  mtime: string;
  uid?: number | undefined;
  gid?: number | undefined;
  mode?: string | undefined;
  content?: FtpFileContent | undefined;
  children?: FtpNodeInput[] | undefined;
}

/** A file (with content) or a directory (with children); modes are ls-style permission strings without the type. */
export const FtpNodeSchema: z.ZodType<FtpNodeInput> = z.lazy(() =>
  z.strictObject({
    name: fileName,
    mtime: z.iso.datetime(),
    uid: z.number().int().min(0).optional(),
    gid: z.number().int().min(0).optional(),
    mode: z.string().regex(/^[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]$/).optional(),
    content: FtpFileContentSchema.optional(),
    children: z.array(FtpNodeSchema).max(256).optional(),
  }),
);
export type FtpNode = z.infer<typeof FtpNodeSchema>;

export const FtpPersonaSchema = z.strictObject({
  name: z.string(),
  /** The 220 greeting text, without the code. */
  greeting: replyText,
  /** The product line of STAT ("vsFTPd 3.0.3 - secure, fast, stable"). */
  stat_version: replyText,
  /** FEAT's feature lines, in the product's order, without the leading space. */
  features: z.array(replyText).min(1),
  /** HELP's command table lines, without the leading space. */
  help: z.array(replyText).min(1),
  /** Owner and group shown for files that do not name their own. */
  default_uid: z.number().int().min(0),
  default_gid: z.number().int().min(0),
  /** The tree a logged-in user sees from "/" (the product chroots each user into it). */
  tree: z.array(FtpNodeSchema).max(256),
});
export type FtpPersona = z.infer<typeof FtpPersonaSchema>;
