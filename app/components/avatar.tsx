import { avatarColour, initialsOf } from "~/lib/avatar";

const BOX = { sm: "size-7 text-xs", md: "size-10 text-sm", lg: "size-20 text-2xl" } as const;

/**
 * A person's face: their photo when they have one, over their initials on a colour that is
 * stable per person (the initials show while it loads, or if it cannot). Decorative next to their
 * name (which is always written beside it). The palette and the white letters are fixed colours,
 * the same in both themes (the theme's "white" turns dark).
 *
 * The photo is a background drawn by the stylesheet (.avatar in app/tailwind.css): the stored
 * size (PHOTO_SIZES in app/lib/upload-paths.ts) that covers the shown one twice over (28 px: 64;
 * 40 and 80 px: 160), its address written out here. Every byte counts on the idea page, and this
 * costs the least (tests/unit/avatar.test.ts holds the address to upload-paths').
 */
export function Avatar({ person, size = "md" }: { person: { id: string; displayName: string; photoId?: string | null }; size?: "sm" | "md" | "lg" }) {
  return (
    <span
      aria-hidden="true"
      style={{
        backgroundColor: avatarColour(person.id),
        backgroundImage: person.photoId ? `url(/uploads/${person.photoId}/${size === "sm" ? 64 : 160}.webp)` : undefined,
        color: "#fff",
      }}
      className={`avatar inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold ${BOX[size]}`}
    >
      {initialsOf(person.displayName)}
    </span>
  );
}
