import { avatarColour, initialsOf } from "~/lib/avatar";
import { clsx } from "~/lib/clsx";

/**
 * A generated initials avatar; its colour is stable per person. Decorative next to a name. The
 * palette and the white letters are fixed colours, the same in both themes (the theme's "white"
 * turns dark).
 */
export function Avatar({ person, size = "md" }: { person: { id: string; displayName: string }; size?: "sm" | "md" | "lg" }) {
  return (
    <span
      aria-hidden="true"
      style={{ backgroundColor: avatarColour(person.id), color: "#fff" }}
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
