/** What a form that sent a link by email shows afterwards: where to look, and for how long. */
export function CheckYourEmail({ title, body, children }: { title: string; body: string; children?: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{title}</h1>
      <div role="status" className="card mt-6 space-y-3">
        <p>{body}</p>
        {children}
      </div>
    </div>
  );
}
