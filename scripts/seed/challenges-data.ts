/**
 * The demo's open-innovation challenges, one in each phase at seeding time. Days are relative
 * to the moment the demo is seeded (negative: in the past), so the phases stay right whenever
 * it runs. Listed oldest first: they are created in this order.
 */

/** Ideas of a challenge; `votes` is how many customers end up voting for it (all within their budget). */
type DemoChallengeIdea = [author: `customer${number}`, title: string, body: string, category: number, votes: number];

export type DemoChallenge = {
  /** The phase the challenge is in at seeding time. */
  phase: "upcoming" | "submission" | "voting" | "finished";
  slug: string;
  title: string;
  /** Plain text; blank lines separate paragraphs. */
  brief: string;
  /** Who drafted it; staff1 publishes every challenge. */
  createdBy: `staff${number}`;
  days: { created: number; published: number; submissionOpens: number; submissionCloses: number; votingOpens: number; votingCloses: number };
  voteBudget: number | null;
  ideas: DemoChallengeIdea[];
  /** Ideas (by index above) the demo login, customer1, has voted for: it keeps part of its budget to try. */
  demoLoginVotes?: number[];
  results?: { day: number; by: `staff${number}`; ranked: number[]; selected: number[]; note: string };
};

export const DEMO_CHALLENGES: DemoChallenge[] = [
  {
    phase: "finished",
    slug: "delivery-that-fits",
    title: "How could delivery fit around your day?",
    brief:
      "A missed delivery costs you a trip to the depot and costs us a second van. We would rather bring your parcels when and where they suit you.\n\n" +
      "When would you like your orders to arrive, and where? Share your ideas and vote for the ones you like: the best three go on next quarter's roadmap.",
    createdBy: "staff2",
    days: { created: -95, published: -92, submissionOpens: -85, submissionCloses: -65, votingOpens: -58, votingCloses: -48 },
    voteBudget: 5,
    ideas: [
      ["customer7", "Evening delivery slots until 22:00", "Most of us work until six.\n\nA slot from 19:00 to 22:00 would mean no more missed parcels.", 1, 17],
      ["customer1", "Choose a safe place when I order", "Let me write “behind the garden gate” or “with the concierge” at checkout, so the driver knows before arriving.", 1, 13],
      ["customer12", "Cambiar el día de entrega desde el SMS", "Que el SMS de aviso traiga un enlace para elegir otro día sin tener que llamar.", 1, 9],
      ["customer18", "Recoger el pedido en la tienda de mi barrio", "Paso por la tienda casi todos los días; prefiero que el pedido me espere allí.", 3, 7],
      ["customer24", "Deliver to my workplace on weekdays", "Send my orders to the office from Monday to Friday and home at the weekend, without changing the address each time.", 1, 4],
      ["customer29", "Entregas en bicicleta en el casco antiguo", "Más rápidas en calles estrechas, y sin ruido ni humo.", 1, 2],
    ],
    results: {
      day: -45,
      by: "staff2",
      ranked: [0, 1],
      selected: [3],
      note:
        "Thank you to everyone who took part! Evening slots won clearly: we start them in Madrid and Barcelona next quarter and extend them after the summer. " +
        "Choosing a safe place at checkout came second and follows right after.\n\n" +
        "We are also taking on “Recoger el pedido en la tienda de mi barrio”. It had fewer votes, but our shops already have the room for it, so we can try it within weeks.",
    },
  },
  {
    phase: "voting",
    slug: "less-packaging",
    title: "¿Cómo podríamos usar menos embalaje?",
    brief:
      "Cada semana enviamos miles de cajas, y demasiadas llegan medio vacías o llenas de relleno de plástico. Queremos usar menos embalaje sin que nada llegue roto.\n\n" +
      "Ya tenemos las ideas: ahora os toca votar. Cada persona tiene tres votos; las más votadas pasarán a una prueba piloto en Valencia.",
    createdBy: "staff1",
    days: { created: -40, published: -38, submissionOpens: -33, submissionCloses: -13, votingOpens: -5, votingCloses: 4 },
    voteBudget: 3,
    ideas: [
      ["customer3", "Cajas reutilizables con depósito", "Pagas 2 € por la caja y te los devolvemos cuando se la das al repartidor en el siguiente pedido.", 1, 12],
      ["customer9", "One box per order, not one per warehouse", "Wait a day and ship everything together. I am happy to wait if it means one box instead of three.", 1, 9],
      ["customer15", "Relleno de papel en lugar de plástico", "El papel kraft arrugado protege igual y se tira al contenedor azul.", 1, 7],
      ["customer21", "A “minimal packaging” option at checkout", "A tick box for people who do not need a gift-ready box.", 0, 6],
      ["customer27", "Devolver las cajas en la tienda", "Un punto en cada tienda donde dejar las cajas vacías para que se reutilicen.", 3, 4],
      ["customer6", "Boxes that fit what is inside", "Small things arrive in huge boxes. A few more box sizes would fix most of it.", 1, 3],
      ["customer11", "Bolsas de tela para los repartos en bici", "En el centro, el repartidor podría entregar el pedido en una bolsa reutilizable y llevársela de vuelta.", 1, 2],
      ["customer30", "Show how much packaging I saved", "A small counter in my account: “You saved 3 kg of cardboard this year”.", 2, 1],
    ],
    demoLoginVotes: [0, 3],
  },
  {
    phase: "submission",
    slug: "faster-checkout",
    title: "¿Cómo podríamos hacer el pago más rápido?",
    brief:
      "Pagar debería ser lo más fácil de toda la compra, y a veces es lo más lento: formularios largos, códigos que tardan en llegar, tarjetas que hay que volver a escribir.\n\n" +
      "Cuéntanos qué te frena al pagar, en la web, en la app o en la tienda, y cómo lo arreglarías. Cuando cierre el plazo de ideas, podréis votar las que más os gusten.",
    createdBy: "staff2",
    days: { created: -10, published: -8, submissionOpens: -3, submissionCloses: 10, votingOpens: 12, votingCloses: 19 },
    voteBudget: 3,
    ideas: [
      ["customer4", "Pagar con Bizum también en la app", "En la web ya casi está, pero en la app sigue pidiendo la tarjeta cada vez.", 2, 0],
      ["customer10", "Skip the bank's SMS code for small amounts", "Waiting for the code takes longer than choosing what to buy. Under 30 € it should not be needed.", 0, 0],
      ["customer16", "Autocompletar la dirección con el código postal", "Escribir la calle entera en el móvil es lo que más tarda de todo el pedido.", 0, 0],
      ["customer22", "Pay at the till with a QR code in the app", "Show a code, scan it, done: no card, no loyalty card, no paper receipt.", 3, 0],
      ["customer28", "Guest checkout without an account", "For a one-off present I do not want yet another password.", 0, 0],
      ["customer13", "Mostrar los gastos de envío desde el principio", "Descubrirlos al final hace que vuelva atrás a cambiar el pedido.", 0, 0],
    ],
  },
  {
    phase: "upcoming",
    slug: "painless-returns",
    title: "How could we make returns painless?",
    brief:
      "Returning something should take less time than buying it. Today you print a label, find a box and queue at the post office.\n\n" +
      "Tell us how returns should work for you: picked up at home, dropped at one of our shops or at a locker. Ideas are welcome in any language.",
    createdBy: "staff1",
    days: { created: -3, published: -2, submissionOpens: 5, submissionCloses: 19, votingOpens: 22, votingCloses: 29 },
    voteBudget: null,
    ideas: [],
  },
];
