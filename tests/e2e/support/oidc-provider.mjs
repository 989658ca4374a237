// A company's OpenID Connect provider for the browser tests (playwright.config.ts starts it
// beside the app): oauth2-mock-server on this machine, signing everyone in as one customer of
// the company, without a login screen of its own.
import { Events, OAuth2Server } from "oauth2-mock-server";

export const OIDC_PERSON = { sub: "e2e-olga", email: "olga@acme.example", email_verified: true, name: "Olga Oidc" };

const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
server.service.on(Events.BeforeTokenSigning, (token) => Object.assign(token.payload, OIDC_PERSON));
await server.start(Number(process.env.OIDC_PORT), "localhost");
