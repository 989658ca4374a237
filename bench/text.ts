// Bilingual product-feedback text for the benchmark's data set. Words are drawn with a skew
// (the first entries of each list far more often than the last), so that, as in real feedback,
// a few words ("payment", "app", "entrega") appear in many ideas and most in few: searches for
// common words then have as many matches to rank as a real portal's would.
import type { Random } from "./random";

type Language = "en" | "es";

const TITLE_PARTS: Record<Language, { verbs: string[]; objects: string[]; places: string[] }> = {
  en: {
    verbs: ["Add", "Allow", "Show", "Improve", "Offer", "Simplify", "Speed up", "Let us choose", "Bring back", "Remember", "Explain", "Fix", "Send", "Group", "Sort"],
    objects: [
      "card payments", "delivery tracking", "the mobile app", "invoices", "refunds", "gift cards", "order history", "the checkout",
      "opening hours", "loyalty points", "product reviews", "dark mode", "store pick-up", "support chat", "price alerts", "return labels",
      "shared shopping lists", "business accounts", "size guides", "receipts", "delivery slots", "parcel lockers", "stock levels", "coupons",
    ],
    places: ["in the app", "at the self-checkout", "on weekends", "for business customers", "in every store", "on the website", "by email", "before paying", "after delivery", "on my phone", "", "", ""],
  },
  es: {
    verbs: ["Añadir", "Permitir", "Mostrar", "Mejorar", "Ofrecer", "Simplificar", "Agilizar", "Poder elegir", "Recuperar", "Recordar", "Explicar", "Arreglar", "Enviar", "Agrupar"],
    objects: [
      "el pago con tarjeta", "el seguimiento del pedido", "la aplicación", "las facturas", "los reembolsos", "las tarjetas regalo", "el historial de pedidos",
      "la caja", "el horario", "los puntos de fidelidad", "las opiniones", "el modo oscuro", "la recogida en tienda", "el chat de atención", "las alertas de precio",
      "las etiquetas de devolución", "la lista de la compra", "las cuentas de empresa", "la guía de tallas", "los tickets", "la franja de entrega", "las taquillas",
    ],
    places: ["en la aplicación", "en la caja rápida", "los fines de semana", "para empresas", "en todas las tiendas", "en la web", "por correo", "antes de pagar", "después de la entrega", "en el móvil", "", "", ""],
  },
};

const SENTENCES: Record<Language, { openers: string[]; problems: string[]; wishes: string[]; replies: string[] }> = {
  en: {
    openers: ["Every week I", "Most of the time I", "Yesterday I", "When I order online I", "As a small business we", "My family and I", "Like many customers I"],
    problems: [
      "wait too long at the checkout", "cannot find my invoice", "have to call support to change the delivery", "lose the paper receipt",
      "pay twice for delivery", "get no message when the parcel is late", "type my card number again", "miss the delivery because I work",
      "cannot see if the product is in stock", "wait a week for a refund", "get lost in the app menus", "have to print the return label",
    ],
    wishes: [
      "It would save time for everyone.", "Other shops already do this.", "The app would feel much faster.", "Please consider it for the next release.",
      "It would make paying much easier.", "Delivery would fail less often.", "Support would get fewer calls.", "I would order more often.",
    ],
    replies: [
      "I agree, this happens to me too.", "+1, the checkout is the slowest part.", "Same here with the delivery times.", "Could this work with the mobile app as well?",
      "We have the same problem in our store.", "Thanks for raising this.", "Please do this, the invoices are a pain.", "Would this also cover refunds?",
      "I think the payment page needs it most.", "It would help on weekends especially.",
    ],
  },
  es: {
    openers: ["Cada semana", "Casi siempre", "Ayer", "Cuando compro en la web", "Como pequeña empresa", "En mi familia", "Como muchos clientes"],
    problems: [
      "espero demasiado en la caja", "no encuentro la factura", "tengo que llamar para cambiar la entrega", "pierdo el ticket de papel",
      "pago dos veces el envío", "no recibo aviso cuando el paquete se retrasa", "vuelvo a escribir la tarjeta", "pierdo la entrega porque trabajo",
      "no veo si hay existencias", "espero una semana por el reembolso", "me pierdo en los menús de la aplicación", "tengo que imprimir la etiqueta",
    ],
    wishes: [
      "Ahorraría tiempo a todos.", "Otras tiendas ya lo hacen.", "La aplicación parecería mucho más rápida.", "Por favor, tenedlo en cuenta.",
      "El pago sería mucho más fácil.", "Fallarían menos entregas.", "Atención al cliente recibiría menos llamadas.", "Compraría más a menudo.",
    ],
    replies: [
      "Estoy de acuerdo, me pasa lo mismo.", "+1, la caja es lo más lento.", "Igual con los plazos de entrega.", "¿Funcionaría también en la aplicación?",
      "En nuestra tienda pasa igual.", "Gracias por proponerlo.", "Por favor, las facturas son un lío.", "¿Serviría también para los reembolsos?",
      "Creo que la página de pago lo necesita más.", "Sobre todo los fines de semana.",
    ],
  },
};

export const FIRST_NAMES = ["Ana", "Luis", "Marta", "John", "Sara", "Pablo", "Lucía", "David", "Elena", "Tom", "Carmen", "Javier", "Emma", "Diego", "Laura", "Oliver", "Nuria", "Raúl", "Grace", "Irene"];
export const LAST_NAMES = ["García", "Smith", "Martínez", "López", "Brown", "Sánchez", "Pérez", "Wilson", "Gómez", "Ruiz", "Taylor", "Díaz", "Moreno", "Evans", "Romero", "Navarro"];

/** Common words of the data set, for search scenarios: each matches thousands of ideas. */
export const COMMON_SEARCHES = ["payment", "delivery app", "pago tarjeta", "the checkout", "factura"];

export type RichBody = { json: string; html: string; text: string };

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Paragraphs as the editor stores them: its JSON document, the HTML rendered from it, the plain text. */
export function richBody(paragraphs: string[]): RichBody {
  return {
    json: JSON.stringify({ type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) }),
    html: paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join(""),
    text: paragraphs.join("\n\n"),
  };
}

export function ideaTitle(random: Random, language: Language) {
  const parts = TITLE_PARTS[language];
  return [random.skewed(parts.verbs), random.skewed(parts.objects), random.pick(parts.places)].filter(Boolean).join(" ");
}

export function ideaBody(random: Random, language: Language): RichBody {
  const words = SENTENCES[language];
  const paragraphs = Array.from({ length: 1 + random.int(3) }, () => {
    const problem = `${random.pick(words.openers)} ${random.skewed(words.problems)}.`;
    return random.chance(0.6) ? `${problem} ${random.skewed(words.wishes)}` : problem;
  });
  return richBody(paragraphs);
}

export function commentBody(random: Random, language: Language): RichBody {
  const words = SENTENCES[language];
  const first = random.skewed(words.replies);
  return richBody([random.chance(0.4) ? `${first} ${random.pick(words.openers)} ${random.skewed(words.problems)}.` : first]);
}
