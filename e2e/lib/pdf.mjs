// @ts-check
/**
 * A small PDF writer for the specs: pages of text lines in Helvetica (one `Td` a line, as
 * the reading corpus's PDFs are drawn), uncompressed, with a correct cross-reference
 * table. Text must be Latin-1 (WinAnsi); `(`, `)` and `\` are escaped.
 */

/** Escapes a line for a PDF string literal. */
function literal(/** @type {string} */ text) {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/**
 * The bytes of a PDF whose page `i` shows `pages[i]`, one line each 14 pt from the top.
 * @param {string[][]} pages
 * @returns {Buffer}
 */
export function makePdf(pages) {
  /** @type {string[]} */
  const objects = [];
  const pageIds = pages.map((_, i) => 4 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, i) => {
    const ops = ['BT', '/F1 10 Tf', '72 790 Td'];
    lines.forEach((line, n) => {
      if (n > 0) ops.push('0 -14 Td');
      ops.push(`${literal(line)} Tj`);
    });
    ops.push('ET');
    const stream = ops.join('\n');
    objects[4 + 2 * i] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`;
    objects[5 + 2 * i] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  /** @type {number[]} */
  const offsets = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
