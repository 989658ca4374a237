// Measures search and similar ideas at the product's target size (100,000 ideas), one call at a
// time in this process: the time the server's event loop is held by each (the SQLite driver is
// synchronous). For the whole server under load: `npm run bench -- --scenario search,similar`.
//   npx tsx bench/search.ts      (builds data/bench-search.db once with bench/dataset.ts, then reuses it)
// Prints, per query, the median, 95th percentile and worst time of repeated runs.
import { prepareBenchDatabase } from "./dataset";
import { COMMON_SEARCHES } from "./text";

prepareBenchDatabase("data/bench-search.db");

const { listIdeas } = await import("~/domain/ideas.server");
const { findSimilarIdeas } = await import("~/domain/search.server");
const { measure } = await import("./support");

// Common words (a third of the ideas hold "payment" or "pago"), rarer ones, stop words around
// them, a half-typed last word, and long titles in both languages.
const SEARCHES = [...COMMON_SEARCHES, "pagos con tarjeta en la app", "invoices by email", "modo oscuro", "devol", "the and of con de la"];
const TITLES = [
  "Pay with card at the checkout",
  "Pagar con tarjeta en la caja",
  "Delivery tracking in the app",
  "Factura por correo después de la entrega",
  "Mejorar la aplicación para pagar con el móvil en la caja rápida los fines de semana",
  "Let us choose delivery slots and track the parcel in the mobile app on weekends",
  "app",
];

console.log("\nThe ideas list's search (first page, 20 ideas):");
for (const q of SEARCHES) for (const sort of ["trending", "new"] as const) await measure(`/?q=${q}&sort=${sort}`, () => listIdeas({ sort, q }, null), 40);
console.log("\nSimilar ideas (up to 5):");
for (const title of TITLES) await measure(`similar: ${title}`, () => findSimilarIdeas(title), 40);
