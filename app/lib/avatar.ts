const PALETTE = ["#9a3412", "#1e40af", "#166534", "#6b21a8", "#9f1239", "#155e75", "#854d0e", "#374151"];

/** "Marta Ruiz" → "MR": the first and last name's initials. */
export function initialsOf(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const last = words.length > 1 ? words[words.length - 1]!.charAt(0) : "";
  return (words[0]!.charAt(0) + last).toUpperCase();
}

/** A person's avatar colour, the same on every page and in every email. */
export function avatarColour(seed: string) {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
