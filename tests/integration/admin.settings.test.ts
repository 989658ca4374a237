import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#db/tables";
import { getSite } from "~/domain/site.server";
import { senderName } from "~/lib/mail/outbox.server";
import { db } from "~/lib/db.server";
import { action, loader } from "~/routes/admin.settings";
import { loader as homeLoader } from "~/routes/_index";
import { answerOf, args, call, ensureSite, makeMultipartRequest, makeRequest, signedIn } from "#tests/support/fixtures";
import { NOT_AN_IMAGE, plainPng } from "#tests/support/images";

beforeAll(ensureSite);

const form = (changes: Record<string, string> = {}) => ({
  name: "Test portal",
  description: "",
  welcomeText: "",
  accentColour: "",
  defaultLocale: "en",
  replyPromiseDays: "3",
  signupMode: "anyone",
  signupDomains: "",
  senderName: "",
  listeningPublic: "on",
  ...changes,
});

describe("/admin/settings", () => {
  it("saves the settings and records each change with its value before and after", async () => {
    const { person: admin, cookie } = await signedIn("admin");
    // Read (and kept in memory) before the change: the save must reach what is kept.
    expect((await getSite())?.name).toBe("Test portal");
    const saved = answerOf(
      await action(
        args(
          makeRequest("/admin/settings", {
            cookie,
            form: form({
              name: "Acme Ideas",
              replyPromiseDays: "5",
              welcomeText: "Tell us what to build.\n\nWe read everything.",
              signupDomains: "Acme.test\n@acme.example",
              senderName: "Acme Team",
              accentColour: "#1E40AF",
              listeningPublic: "",
            }),
          }),
        ),
      ),
    );
    expect(saved.status).toBe(200);
    expect(await getSite()).toMatchObject({
      name: "Acme Ideas",
      replyPromiseDays: 5,
      signupDomains: "acme.test acme.example",
      senderName: "Acme Team",
      accentColour: "#1e40af",
      listeningPublic: false,
    });
    expect(await senderName()).toBe("Acme Team");
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "site.settings"));
    expect(entry?.actorId).toBe(admin.id);
    expect(JSON.parse(entry!.details)).toMatchObject({
      name: { from: "Test portal", to: "Acme Ideas" },
      replyPromiseDays: { from: 3, to: 5 },
      listeningPublic: { from: true, to: false },
    });
    const home = answerOf(await homeLoader(args(makeRequest("/")))).body as { welcome: string[] };
    expect(home.welcome).toEqual(["Tell us what to build.", "We read everything."]);

    // The sender falls back to the site's name when left empty.
    await action(args(makeRequest("/admin/settings", { cookie, form: form({ name: "Acme Ideas", replyPromiseDays: "5", senderName: "" }) })));
    expect(await senderName()).toBe("Acme Ideas");
  });

  it("refuses a colour too light for white text, and bad domains, keeping what was typed", async () => {
    const { cookie } = await signedIn("admin");
    const before = await getSite();
    const refused = answerOf(await action(args(makeRequest("/admin/settings", { cookie, form: form({ name: "Changed name", accentColour: "#ffcc00", signupDomains: "not a domain" }) }))));
    expect(refused.status).toBe(400);
    const reply = refused.body as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error.accentColour).toEqual(["errors.settings.lowContrast"]);
    expect(reply.error.signupDomains).toEqual(["errors.settings.domainFormat"]);
    expect(reply.initialValue.name).toBe("Changed name");
    expect((await getSite())?.name).toBe(before?.name);
  });

  it("takes a logo as an image, and refuses a file that only claims to be one", async () => {
    const { cookie } = await signedIn("admin");
    const fake = answerOf(
      await action(args(makeMultipartRequest("/admin/settings", { cookie, fields: form({ name: "With a logo" }), files: { logo: { bytes: NOT_AN_IMAGE, filename: "logo.png", type: "image/png" } } }))),
    );
    expect(fake.status).toBe(400);
    expect((fake.body as { error: Record<string, string[]> }).error.logo).toEqual(["errors.upload.notAnImage"]);
    expect((await getSite())?.logoId).toBeNull();

    const logo = answerOf(
      await action(args(makeMultipartRequest("/admin/settings", { cookie, fields: form({ name: "With a logo" }), files: { logo: { bytes: await plainPng(600, 200), filename: "logo.png", type: "image/png" } } }))),
    );
    expect(logo.status).toBe(200);
    expect((await getSite())?.logoId).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it("is for admins only: staff and customers are refused, and nothing changes", async () => {
    for (const role of ["staff", "customer"] as const) {
      const { cookie } = await signedIn(role);
      expect(((await call(() => loader(args(makeRequest("/admin/settings", { cookie }))))) as Response).status).toBe(403);
      expect(((await call(() => action(args(makeRequest("/admin/settings", { cookie, form: form({ name: "Hacked" }) }))))) as Response).status).toBe(403);
    }
    expect((await getSite())?.name).not.toBe("Hacked");
  });
});
