import { beforeAll, describe, expect, it } from "vitest";
import { getEmailPreferences } from "~/domain/notifications.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings.notifications";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

describe("email settings", () => {
  it("are for signed-in people only", async () => {
    const response = (await call(() => settingsLoader(args(makeRequest("/settings/notifications"))))) as Response;
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fnotifications");
  });

  it("start at right away for one's own ideas and a daily digest for followed ones, and save both with the kinds", async () => {
    const person = await makePerson();
    const cookie = await sessionCookieFor(person.id);
    expect(await settingsLoader(args(makeRequest("/settings/notifications", { cookie })))).toMatchObject({ schedule: { own: "immediate", followed: "daily" } });
    await settingsAction(args(makeRequest("/settings/notifications", { cookie, form: { own: "daily", followed: "weekly", reply: "on" } })));
    expect(await settingsLoader(args(makeRequest("/settings/notifications", { cookie })))).toMatchObject({ schedule: { own: "daily", followed: "weekly" } });
    expect(await getEmailPreferences(person.id)).toMatchObject({ reply: true, staff_reply: false });
    // A cadence it does not know keeps the default instead of failing.
    await settingsAction(args(makeRequest("/settings/notifications", { cookie, form: { own: "hourly", followed: "" } })));
    expect(await settingsLoader(args(makeRequest("/settings/notifications", { cookie })))).toMatchObject({ schedule: { own: "immediate", followed: "daily" } });
  });
});
