/** Every unknown URL: a 404 answered by the root error boundary in the person's language. */
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
