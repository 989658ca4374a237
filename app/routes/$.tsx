// Any URL no other route claims: a 404 in the reader's language (root ErrorBoundary).
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
