// bash 5.2's readline turns bracketed paste on before each prompt and off once a line is read; a terminal
// session without those codes is not bash on Debian 12.
export const PASTE_ON = '\x1b[?2004h';
export const PASTE_OFF = '\x1b[?2004l\r';
