import { clsx } from "~/lib/clsx";

const PALETTE = ["#9a3412", "#1e40af", "#166534", "#6b21a8", "#9f1239", "#155e75", "#854d0e", "#374151"];

function initialsOf(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const last = words.length > 1 ? words[words.length - 1]!.charAt(0) : "";
  return (words[0]!.charAt(0) + last).toUpperCase();
}

function colourOf(seed: string) {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/**
 * A generated initials avatar; its colour is stable per person. Decorative next to a name. The
 * palette and the white letters are fixed colours, the same in both themes (the theme's "white"
 * turns dark).
 */
export function Avatar({ person, size = "md" }: { person: { id: string; displayName: string }; size?: "sm" | "md" | "lg" }) {
  return (
    <span
      aria-hidden="true"
      style={{ backgroundColor: colourOf(person.id), color: "#fff" }}
      className={clsx(
        "inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold",
        size === "sm" && "size-7 text-xs",
        size === "md" && "size-10 text-sm",
        size === "lg" && "size-20 text-2xl",
      )}
    >
      {initialsOf(person.displayName)}
    </span>
  );
}
