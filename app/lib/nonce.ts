import { createContext, useContext } from "react";

/**
 * This response's Content-Security-Policy nonce (made per request by server.mjs): the only
 * inline scripts a browser runs are those that carry it (Remix's and React's). Provided while
 * rendering on the server; in the browser it is empty, as the browser hides it from the page.
 */
export const NonceContext = createContext("");

export const useNonce = () => useContext(NonceContext);
