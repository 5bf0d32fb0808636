// Extracts uploaded files from a (possibly truncated) multipart/form-data body; never throws on bad input.

export interface UploadedFile {
  field: string;
  filename: string;
  data: Buffer;
  /** The part had no closing boundary (the body was cut at the cap or the client stopped). */
  truncated: boolean;
}

/** The boundary parameter of a multipart/form-data Content-Type, if any. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** At most `maxFiles` file parts, in order. */
export function parseMultipartFiles(body: Buffer, boundary: string, maxFiles = 16): UploadedFile[] {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const files: UploadedFile[] = [];
  let pos = body.indexOf(delim);
  while (pos >= 0 && files.length < maxFiles) {
    const partStart = pos + delim.length;
    if (body.subarray(partStart, partStart + 2).toString('latin1') === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', partStart, 'latin1');
    if (headerEnd < 0) break;
    const headers = body.subarray(partStart, headerEnd).toString('latin1');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delim]), headerEnd + 4);
    const dataEnd = next >= 0 ? next : body.length;
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
    if (filename !== undefined) {
      files.push({
        field: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '',
        filename,
        data: body.subarray(headerEnd + 4, dataEnd),
        truncated: next < 0,
      });
    }
    if (next < 0) break;
    pos = next + 2;
  }
  return files;
}
