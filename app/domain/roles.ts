import type { Role } from "#db/schema";

/**
 * Who is who. Roles nest: an admin is also staff, staff are also customers. The route layer
 * checks the role a page or action needs (`requireUser` in app/web); domain rules that depend
 * on a person's role (only staff write internal notes, staff cannot be blocked) ask here too.
 */
const RANK: Record<Role, number> = { customer: 0, staff: 1, admin: 2 };

export function hasRole(person: { role: Role } | null | undefined, role: Role) {
  return !!person && RANK[person.role] >= RANK[role];
}

/** Staff and admins: the company's people, who sign replies with their title. */
export function isStaff(person: { role: Role } | null | undefined) {
  return hasRole(person, "staff");
}
