// Any URL no other route claims: a 404 in the reader's language (root ErrorBoundary).
import { notFound } from "~/web/responses.server";

export function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
