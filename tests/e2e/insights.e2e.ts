import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE, expectNoA11yViolations, switchLanguage } from "./support";

const copy = {
  en: {
    staffArea: "Staff area",
    insights: "Insights",
    sections: ["Activity", "Listening", "Outcomes", "Demand", "Challenges", "Exports"],
    chart: "Ideas per day",
    showTable: "Show the numbers as a table",
    period: "Period",
    ninety: "Last 90 days",
    show: "Show",
    perWeek: "Ideas per week",
    waiting: "Waiting for a reply now",
    triage: "Triage",
    ideasCsv: "Ideas (CSV)",
    csvHeader: "Id,Title,Status,Category",
    listening: "How we listen",
    whoAnswered: "Who answered",
    team: "Team",
    listeningLink: /our listening record/,
  },
  es: {
    staffArea: "Área del equipo",
    insights: "Análisis",
    sections: ["Actividad", "Escucha", "Resultados", "Demanda", "Retos", "Exportaciones"],
    chart: "Ideas por día",
    showTable: "Ver las cifras en una tabla",
    period: "Periodo",
    ninety: "Últimos 90 días",
    show: "Mostrar",
    perWeek: "Ideas por semana",
    waiting: "Esperando respuesta ahora",
    triage: "Bandeja de entrada",
    ideasCsv: "Ideas (CSV)",
    csvHeader: "Id,Título,Estado,Categoría",
    listening: "Cómo escuchamos",
    whoAnswered: "Quién respondió",
    team: "Equipo",
    listeningLink: /nuestro registro de escucha/,
  },
} as const;

test.describe("insights, as staff", () => {
  test.use({ storageState: ADMIN_STATE });

  for (const locale of ["en", "es"] as const) {
    test(`[${locale}] reads the figures and charts, changes the period, follows a figure and downloads a CSV`, async ({ page }) => {
      const text = copy[locale];
      await page.goto("/admin");
      await switchLanguage(page, locale);
      await page.getByRole("navigation", { name: text.staffArea }).getByRole("link", { name: text.insights }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.insights);
      await expect(page.getByRole("heading", { level: 2 })).toHaveText([...text.sections]);
      // The chart is in the page as served, with its numbers a click away.
      await expect(page.getByRole("img", { name: text.chart })).toBeVisible();
      await page.getByText(text.showTable).first().click();
      await expect(page.getByRole("table", { name: text.chart })).toBeVisible();
      await expectNoA11yViolations(page);

      await page.getByLabel(text.period, { exact: true }).selectOption({ label: text.ninety });
      await page.getByRole("button", { name: text.show, exact: true }).click();
      await expect(page).toHaveURL(/period=90d/);
      await expect(page.getByRole("img", { name: text.perWeek })).toBeVisible();

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: text.ideasCsv }).click()]);
      expect(download.suggestedFilename()).toMatch(/-ideas-\d{4}-\d{2}-\d{2}\.csv$/);
      const body = fs.readFileSync((await download.path())!, "utf8");
      expect(body.startsWith(`\uFEFF${text.csvHeader}`)).toBe(true);

      await page.getByRole("term").filter({ hasText: text.waiting }).locator("xpath=..").getByRole("link").click();
      await expect(page).toHaveURL(/\/admin\/triage/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.triage);

      // The public listening record, from the footer and from the team page.
      await page.getByRole("contentinfo").getByRole("link", { name: text.listening }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.listening);
      await expect(page.getByRole("table", { name: text.whoAnswered })).toContainText("Ada Admin");
      await expectNoA11yViolations(page);
      await page.getByRole("navigation", { name: locale === "es" ? "Principal" : "Main" }).getByRole("link", { name: text.team }).click();
      await page.getByRole("link", { name: text.listeningLink }).click();
      await expect(page).toHaveURL(/\/listening$/);
    });
  }
});
