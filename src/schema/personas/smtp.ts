// Persona schema of the SMTP sensor: the greeting, EHLO keywords and every reply text of one real MTA.
import { z } from 'zod';

/** One SMTP reply line without CRLF: a 3-digit code, a space, the text. `{host}`, `{arg}`, `{addr}`, `{queue_id}` are filled in. */
const reply = z.string().regex(/^[2-5]\d\d [\x20-\x7e]*$/, 'an SMTP reply: 3 digits, a space, printable ASCII');

export const SmtpPersonaSchema = z.strictObject({
  name: z.string(),
  /** Text after "220 " in the greeting. */
  banner: z.string().regex(/^[\x20-\x7e]+$/),
  /** EHLO keywords after the host name line, in the real product's order; `{size}` and `{mechanisms}` are filled in. */
  ehlo_keywords: z.array(z.string().regex(/^[A-Z0-9][A-Z0-9=.-]*( [A-Z0-9=.-]+)*( \{(size|mechanisms)\})?$/)).min(1),
  /** SASL mechanisms offered (the AUTH keyword's list). */
  auth_mechanisms: z.array(z.enum(['PLAIN', 'LOGIN'])).min(1),
  /** Longest command line the server reads; the rest of a longer line is discarded. */
  line_length_limit: z.number().int().min(512).max(65_536),
  /** Errors before the server delays each reply (smtpd_soft_error_limit), the delay, and errors before it hangs up. */
  soft_error_limit: z.number().int().min(1).max(1000),
  error_sleep_ms: z.number().int().min(0).max(10_000),
  hard_error_limit: z.number().int().min(1).max(1000),
  /** Command names that end the session at once (smtpd_forbidden_commands). */
  forbidden_commands: z.array(z.string().regex(/^[A-Z]+$/)),
  /** Prompts of AUTH LOGIN (already base64 as sent). */
  login_username_challenge: z.string(),
  login_password_challenge: z.string(),
  replies: z.strictObject({
    helo: reply,
    helo_syntax: reply,
    ehlo_syntax: reply,
    ok: reply,
    mail_ok: reply,
    rcpt_ok: reply,
    mail_syntax: reply,
    rcpt_syntax: reply,
    bad_sender: reply,
    bad_recipient: reply,
    nested_mail: reply,
    need_mail: reply,
    need_rcpt: reply,
    no_valid_recipients: reply,
    too_many_recipients: reply,
    size_exceeds: reply,
    bad_size: reply,
    unsupported_option: reply,
    too_much_mail: reply,
    data_syntax: reply,
    data_start: reply,
    queued: reply,
    message_too_big: reply,
    rset_syntax: reply,
    vrfy: reply,
    vrfy_syntax: reply,
    etrn: reply,
    etrn_syntax: reply,
    bye: reply,
    not_recognized: reply,
    bad_syntax: reply,
    forbidden: reply,
    too_many_errors: reply,
    starttls_unavailable: reply,
    transaction_in_progress: reply,
    auth_ok: reply,
    auth_failed: reply,
    auth_unknown_mechanism: reply,
    auth_syntax: reply,
    auth_already: reply,
    auth_aborted: reply,
    auth_bad_base64_initial: reply,
    auth_bad_base64_continued: reply,
    bad_utf8: reply,
    bdat_syntax: reply,
    bdat_null: reply,
    bdat_chunk_ok: reply,
    bdat_too_big: reply,
    data_after_bdat: reply,
    mail_after_bdat: reply,
    rcpt_after_bdat: reply,
    smtputf8_required: reply,
  }),
});

export type SmtpPersona = z.infer<typeof SmtpPersonaSchema>;
export type SmtpReplyName = keyof SmtpPersona['replies'];
