import { createPerson } from "~/domain/people.server";
import { setUpSite } from "~/domain/site.server";
import { db } from "~/lib/db.server";
import { users } from "#db/schema";
import { eq } from "drizzle-orm";

export const DEMO_PASSWORD = "tertulia-demo";

const STAFF = [
  { displayName: "Lucía Fernández", jobTitle: "Head of Customer Experience", bio: "Reads every idea that comes in and makes sure none waits too long.", locale: "es" },
  { displayName: "Daniel Okafor", jobTitle: "Product Manager, Checkout", bio: "Turns your suggestions about paying and shipping into the roadmap.", locale: "en" },
  { displayName: "Marta Ruiz", jobTitle: "Support Engineer", bio: "Fixes what breaks and explains why it broke, in plain words.", locale: "es" },
] as const;

const FIRST_NAMES = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Fatima", "Gabriel", "Hugo", "Irene", "Jorge", "Kira", "Leo", "Mónica", "Nico", "Olga"];
const LAST_NAMES = ["García", "Smith", "Martínez", "Nguyen", "López", "Schmidt"];
const COMPANIES = ["Panadería Sol", "Northwind Traders", null, "Talleres Ruiz", null, "Blue Harbor Café"];

/** Seeds the site, an admin, three staff members and thirty customers; the same every time. */
export async function seedDemo() {
  const admin = await setUpSite({
    siteName: "Tertulia Demo",
    defaultLocale: "es",
    replyPromiseDays: 3,
    admin: { email: "admin@demo.example", displayName: "Admin Demo", password: DEMO_PASSWORD },
  });
  db.update(users).set({ jobTitle: "Community Administrator", bio: "Keeps the portal running and welcoming." }).where(eq(users.id, admin.id)).run();

  for (const [index, staff] of STAFF.entries()) {
    await createPerson({ id: `staff${index + 1}`, email: `staff${index + 1}@demo.example`, password: DEMO_PASSWORD, role: "staff", ...staff });
  }
  for (let index = 0; index < 30; index++) {
    const displayName = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[index % LAST_NAMES.length]}`;
    await createPerson({
      id: `customer${index + 1}`,
      email: `customer${index + 1}@demo.example`,
      displayName,
      password: DEMO_PASSWORD,
      company: COMPANIES[index % COMPANIES.length],
      locale: index % 3 === 0 ? "en" : null,
    });
  }
  return { admins: 1, staff: STAFF.length, customers: 30 };
}
