/** A raw email with its quoted-printable parts decoded as UTF-8 (soft line breaks joined). */
export function decodeQuotedPrintable(raw: string) {
  const soft = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
