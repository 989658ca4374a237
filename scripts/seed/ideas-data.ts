import type { IdeaStatus } from "#db/schema";

export const DEMO_CATEGORIES = [
  { name: "Pagos · Payments", description: "Paying, invoices, refunds.", colour: "#1e40af" },
  { name: "Entregas · Delivery", description: "Shipping, tracking and pick-up.", colour: "#166534" },
  { name: "App móvil · Mobile app", description: "The iOS and Android apps.", colour: "#6b21a8" },
  { name: "Tienda · Store", description: "Our physical shops.", colour: "#9a3412" },
  { name: "Atención · Support", description: "Getting help from us.", colour: "#155e75" },
] as const;

type DemoIdea = [title: string, body: string, category: number, status: IdeaStatus];

/** Sixty ideas, half in Spanish and half in English, across categories and statuses. */
export const DEMO_IDEAS: DemoIdea[] = [
  ["Pagar con Bizum en la tienda online", "Muchos clientes ya usamos Bizum a diario.\n\nSería más rápido que escribir la tarjeta cada vez.", 0, "planned"],
  ["Factura automática en cada pedido", "Que la factura llegue al correo sin tener que pedirla.", 0, "adopted"],
  ["Dividir el pago en tres plazos sin intereses", "Para compras grandes ayudaría mucho poder pagar en tres meses.", 0, "under_review"],
  ["Guardar varias tarjetas en mi cuenta", "Uso una tarjeta personal y otra de empresa.", 0, "open"],
  ["Reembolso inmediato al saldo de la cuenta", "Esperar una semana por una devolución es demasiado.", 0, "in_progress"],
  ["Entrega el mismo día en Madrid y Barcelona", "Para pedidos hechos antes de las 12:00.", 1, "planned"],
  ["Elegir franja horaria de entrega", "Trabajo de 9 a 18; me gustaría recibir los pedidos por la tarde.", 1, "open"],
  ["Recogida en taquillas 24 horas", "Las taquillas de las estaciones serían perfectas.", 1, "under_review"],
  ["Aviso por SMS cuando el repartidor esté cerca", "Un aviso diez minutos antes evitaría entregas fallidas.", 1, "adopted"],
  ["Embalaje sin plástico", "Cartón reciclado y papel en lugar de burbujas de plástico.", 1, "in_progress"],
  ["Modo oscuro en la aplicación", "Por la noche la pantalla blanca molesta mucho.", 2, "adopted"],
  ["Escanear el ticket para la garantía", "Así no pierdo los tickets de papel.", 2, "open"],
  ["Lista de la compra compartida", "Para que toda la familia añada productos a la misma lista.", 2, "planned"],
  ["Notificaciones de bajada de precio", "Avisar cuando un producto de mi lista de deseos baje de precio.", 2, "open"],
  ["Acceso con huella dactilar", "Escribir la contraseña en el móvil es incómodo.", 2, "declined"],
  ["Más cajas rápidas los sábados", "Los sábados por la mañana las colas son muy largas.", 3, "under_review"],
  ["Zona de juegos para niños", "Un rincón pequeño permitiría comprar con más calma.", 3, "declined"],
  ["Probadores con botón de ayuda", "Para pedir otra talla sin salir del probador.", 3, "open"],
  ["Horario ampliado en diciembre", "Abrir hasta las 22:00 las semanas de Navidad.", 3, "adopted"],
  ["Punto de reciclaje de pilas y bombillas", "Llevaría allí las pilas usadas al hacer la compra.", 3, "planned"],
  ["Chat con una persona, no con un robot", "Cuando tengo un problema quiero hablar con alguien de verdad.", 4, "in_progress"],
  ["Número de teléfono gratuito", "Llamar a un 902 sale caro.", 4, "open"],
  ["Seguimiento de mis incidencias", "Ver en qué estado está mi reclamación sin tener que llamar.", 4, "planned"],
  ["Atención en catalán y gallego", "Sería un detalle poder escribir en nuestro idioma.", 4, "under_review"],
  ["Valorar la respuesta del soporte", "Un botón para decir si la respuesta me ayudó.", 4, "open"],
  ["Adopción de mascotas en la tienda de animales", "Colaborar con protectoras para dar en adopción perros y gatos.", 3, "open"],
  ["Cupón de cumpleaños", "Un pequeño descuento el día de tu cumpleaños.", 0, "open"],
  ["Devolver en cualquier tienda física", "Aunque el pedido se hiciera online.", 1, "adopted"],
  ["Accesibilidad para lectores de pantalla", "Algunos botones de la app no tienen nombre y no sé qué hacen.", 2, "in_progress"],
  ["Café gratis para clientes fieles", "Un café cada diez compras en la cafetería de la tienda.", 3, "open"],
  ["Apple Pay and Google Pay at checkout", "Paying with my phone is faster than typing card numbers.\n\nMost shops already support it.", 0, "adopted"],
  ["Show the total with taxes before the last step", "I was surprised by the final amount at checkout.", 0, "planned"],
  ["Pay invoices by bank transfer", "Our company can only pay by transfer, not by card.", 0, "under_review"],
  ["Download all invoices for a year at once", "Every January I download them one by one for my accountant.", 0, "open"],
  ["Store credit instead of refunds, with a bonus", "I would take 110% in store credit instead of a refund.", 0, "declined"],
  ["Live map of the delivery van", "Like ride-sharing apps do.", 1, "in_progress"],
  ["Leave parcels with a neighbour", "Let me name a neighbour who can receive my parcels.", 1, "open"],
  ["Weekend deliveries", "I am never home on weekdays.", 1, "planned"],
  ["Combine orders placed the same day", "Two boxes for two small orders is wasteful.", 1, "under_review"],
  ["Free returns for loyal customers", "After ten orders, returns could be free.", 1, "open"],
  ["Offline mode for the shopping list", "The supermarket basement has no signal.", 2, "planned"],
  ["Widget with my next delivery", "A home-screen widget showing when my order arrives.", 2, "open"],
  ["Reorder a past order in one tap", "I buy the same things every week.", 2, "adopted"],
  ["Bigger text option in the app", "My parents find the text too small.", 2, "under_review"],
  ["Barcode scanner to check prices in store", "Scan a product and see its price and reviews.", 2, "in_progress"],
  ["Quiet hour for shoppers with autism", "Dim lights and no music one hour a week.", 3, "adopted"],
  ["More parking spaces for bikes", "The bike rack is always full.", 3, "open"],
  ["Self-checkout for small baskets", "Five items or fewer should not need a queue.", 3, "planned"],
  ["Water refill station", "Bring your own bottle and fill it for free.", 3, "open"],
  ["Local producers corner", "Sell vegetables from farms near each shop.", 3, "under_review"],
  ["Answers signed by a real person", "I like knowing who I am talking to.", 4, "adopted"],
  ["Call me back instead of waiting on hold", "Leave my number and get a call when it is my turn.", 4, "planned"],
  ["Support opening hours on Sundays", "Problems happen on weekends too.", 4, "open"],
  ["Video call for complicated setups", "Showing the problem is easier than describing it.", 4, "declined"],
  ["Status page when the website is down", "So we know you know.", 4, "in_progress"],
  ["Dark mode for the website", "The app has it; the website should too.", 2, "open"],
  ["Faster checkout for returning customers", "Remember my address and card so I can pay in one click.", 0, "under_review"],
  ["Gift wrapping option", "A simple paper wrap and a card for presents.", 1, "open"],
  ["Printed receipts only on request", "Save paper: ask before printing the receipt.", 3, "adopted"],
  ["Track the status of my ideas here", "I want to know when an idea I voted for moves forward.", 4, "open"],
];

type DemoComment = [author: string, text: string, replyTo: number | null, kind?: "public" | "internal"];

/** Discussions on some demo ideas (by idea id, in the order above). */
export const DEMO_DISCUSSIONS: Array<{ idea: number; comments: DemoComment[]; official?: number }> = [
  {
    idea: 1,
    comments: [
      ["customer5", "¡Sí, por favor! Lo uso para todo.", null],
      ["staff1", "Gracias por proponerlo. Lo estamos hablando con el banco esta semana; os cuento en cuanto sepamos plazos.", null],
      ["customer9", "¿Funcionaría también en la app?", 1],
      ["staff2", "Sí: la idea es que funcione igual en la web y en la app.", 2],
      ["staff2", "El banco pide firmar el anexo de comercio electrónico antes de enero.", null, "internal"],
    ],
    official: 1,
  },
  {
    idea: 11,
    comments: [
      ["customer2", "Night mode would be so much easier on the eyes.", null],
      ["staff3", "Shipped in version 4.2 — it follows your phone's setting. Thanks for the push!", null],
      ["customer2", "Works great, thank you!", 1],
    ],
    official: 1,
  },
  {
    idea: 21,
    comments: [
      ["customer14", "Totalmente de acuerdo. Los bots nunca entienden mi problema.", null],
      ["staff1", "Nos pasa lo mismo cuando llamamos a otras empresas. Por eso aquí siempre contesta una persona con nombre y apellido.", null],
      ["customer3", "¿Y fuera de horario?", 1],
      ["staff1", "Fuera de horario dejamos el mensaje y lo contesta la primera persona que entra por la mañana.", 2],
      ["customer3", "Me parece bien, mejor tarde que un robot.", 3],
    ],
  },
  {
    idea: 36,
    comments: [
      ["customer20", "Knowing exactly when the van arrives would save me a morning off work.", null],
      ["customer21", "Plus one. Even a 30-minute window would help.", 0],
      ["staff2", "We are testing this with two delivery partners in Valencia right now.", null],
    ],
  },
];
