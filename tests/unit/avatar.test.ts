import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Avatar } from "~/components/avatar";
import { PHOTO_SIZES, uploadPath } from "~/lib/upload-paths";

const render = (size: "sm" | "md" | "lg", photoId: string | null) =>
  renderToStaticMarkup(createElement(Avatar, { person: { id: "p1", displayName: "Ana Sol", photoId }, size }));

describe("a person's face", () => {
  it("draws their photo over their initials, in the stored size that covers twice the size it is shown at", () => {
    const expected = { sm: PHOTO_SIZES.small, md: PHOTO_SIZES.medium, lg: PHOTO_SIZES.medium } as const;
    for (const size of ["sm", "md", "lg"] as const) {
      const html = render(size, "AbCdEfGhIjKlMnOpQrSt");
      expect(html, size).toContain(`background-image:url(${uploadPath("AbCdEfGhIjKlMnOpQrSt", expected[size])})`);
      expect(html, size).toContain(">AS</span>");
    }
  });

  it("is their initials without a photo", () => {
    expect(render("md", null)).toContain(">AS</span>");
    expect(render("md", null)).not.toContain("background-image");
  });
});
