import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { pageTitle } from "~/lib/meta";
import { apiReference } from "~/web/api/reference.server";

/** GET /api — the API's reference, read from the same OpenAPI document clients get. */
export function loader() {
  return apiReference();
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "api.title");

export default function ApiReferencePage() {
  const { t } = useTranslation();
  const { intro, baseUrl, operations, schemas } = useLoaderData<typeof loader>();
  return (
    <article className="max-w-4xl">
      <h1 className="text-3xl font-bold">{t("api.title")}</h1>
      <div className="mt-4 space-y-3">
        {intro.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <p>
          {t("api.baseUrl")} <code className="font-mono">{baseUrl}</code> ·{" "}
          <a href="/api/v1/openapi.json" className="link">
            {t("api.document")}
          </a>
        </p>
      </div>

      <nav aria-labelledby="api-contents" className="card mt-6">
        <h2 id="api-contents" className="text-lg font-semibold">
          {t("api.contents")}
        </h2>
        <ul className="mt-2 space-y-1">
          {operations.map((operation) => (
            <li key={operation.id}>
              <a href={`#${operation.id}`} className="link">
                <span className="font-mono text-sm">{operation.method.toUpperCase()} {operation.path}</span>
              </a>{" "}
              — {operation.summary}
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="api-operations" className="mt-8">
        <h2 id="api-operations" className="text-2xl font-bold">
          {t("api.operations")}
        </h2>
        {operations.map((operation) => (
          <section key={operation.id} id={operation.id} aria-labelledby={`${operation.id}-title`} className="card mt-4">
            <h3 id={`${operation.id}-title`} className="font-mono text-lg font-semibold">
              {operation.method.toUpperCase()} {operation.path}
            </h3>
            <p className="mt-1 font-semibold">{operation.summary}</p>
            {operation.description ? <p className="mt-1">{operation.description}</p> : null}
            <p className="mt-2 text-sm text-muted">{t(operation.scope === "read" ? "api.scopeRead" : "api.scopeWrite")}</p>
            {operation.parameters.length > 0 ? (
              <table className="mt-3 w-full text-left text-sm">
                <caption className="sr-only">{t("api.parametersOf", { operation: operation.summary })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="py-1 pr-3">{t("api.parameter")}</th>
                    <th scope="col" className="py-1 pr-3">{t("api.in")}</th>
                    <th scope="col" className="py-1 pr-3">{t("api.type")}</th>
                    <th scope="col" className="py-1">{t("api.description")}</th>
                  </tr>
                </thead>
                <tbody>
                  {operation.parameters.map((parameter) => (
                    <tr key={parameter.name} className="border-t border-stone-200 align-top">
                      <td className="py-1 pr-3 font-mono">
                        {parameter.name}
                        {parameter.required ? <span className="text-muted"> ({t("api.required")})</span> : null}
                      </td>
                      <td className="py-1 pr-3">{parameter.in}</td>
                      <td className="py-1 pr-3 font-mono">{parameter.type}</td>
                      <td className="py-1">{parameter.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {operation.body ? (
              <p className="mt-2 text-sm">
                {t("api.body")} <a href={`#schema-${operation.body}`} className="link font-mono">{operation.body}</a>
              </p>
            ) : null}
            <ul className="mt-2 text-sm">
              {operation.responses.map((response) => (
                <li key={response.status}>
                  <span className="font-mono">{response.status}</span> {response.description}
                  {response.schema ? (
                    <>
                      {" "}
                      — <a href={`#schema-${response.schema}`} className="link font-mono">{response.schema}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="api-schemas" className="mt-8">
        <h2 id="api-schemas" className="text-2xl font-bold">
          {t("api.schemas")}
        </h2>
        {schemas.map((schema) => (
          <section key={schema.name} id={`schema-${schema.name}`} aria-labelledby={`schema-${schema.name}-title`} className="card mt-4">
            <h3 id={`schema-${schema.name}-title`} className="font-mono text-lg font-semibold">
              {schema.name}
            </h3>
            {schema.description ? <p className="mt-1">{schema.description}</p> : null}
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {schema.properties.map((property) => (
                <div key={property.name} className="contents">
                  <dt className="font-mono">{property.name}</dt>
                  <dd>
                    <span className="font-mono">{property.type}</span>
                    {property.description ? ` — ${property.description}` : null}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </section>
    </article>
  );
}
