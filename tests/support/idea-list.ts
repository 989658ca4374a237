import { createCategory } from "~/domain/categories.server";
import type { IdeaListQuery } from "~/domain/idea-list";
import { accepted, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

/** The list's query with its defaults, as the page's query string would give it. */
export const query = (input: Partial<IdeaListQuery> = {}): IdeaListQuery => ({ sort: "trending", ...input });

/** Five ideas in two languages and two categories, a day apart from 2026-10-01. */
export async function seedIdeaList() {
  const authorId = (await makePerson("customer", { displayName: "Ana Author" })).id;
  const billing = accepted(await createCategory({ name: "Billing", description: "", colour: "#1e40af" })).id;
  const delivery = accepted(await createCategory({ name: "Delivery", description: "", colour: "#166534" })).id;
  const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n));
  await makeIdea(authorId, "Adopción de pagos con tarjeta", { body: "Aceptar tarjetas en la tienda física", categoryId: billing, now: day(0) });
  await makeIdea(authorId, "Faster checkout", { body: "One page checkout for returning customers", categoryId: billing, now: day(1) });
  await makeIdea(authorId, "Entrega en el mismo día", { body: "Para pedidos antes de las 12", categoryId: delivery, now: day(2) });
  await makeIdea(authorId, "Track my parcel", { body: "A live map of the DELIVERY van", categoryId: delivery, now: day(3) });
  await makeIdea(authorId, "Café gratis para clientes fieles", { body: "Un café cada diez compras", now: day(4) });
  return { authorId, billing, delivery };
}
