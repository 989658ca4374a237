import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import type { ReactNode } from "react";
import { useTranslation } from "~/lib/use-translation";

// Charts of /admin/insights, drawn with visx (SVG primitives and d3 scales, no measuring of the
// page): the SVG is complete in the server-rendered HTML, keeps its shape at any width through
// its viewBox (so nothing jumps when the page hydrates), and follows the theme's colours. Each
// chart has its numbers as a table beside it, for screen readers and for copying.

export type ChartPoint = { label: string; value: number; href?: string };

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 44 };

function ChartFrame(props: { title: string; table: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="mt-4">
      <figcaption className="text-sm font-medium">{props.title}</figcaption>
      {props.children}
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-muted">{t("insights.showTable")}</summary>
        {props.table}
      </details>
    </figure>
  );
}

function DataTable(props: { title: string; columns: [string, string]; points: ChartPoint[]; format: (value: number) => string }) {
  return (
    <table className="mt-2 w-full max-w-md border-collapse">
      <caption className="sr-only">{props.title}</caption>
      <thead>
        <tr className="border-b border-stone-300 text-left">
          <th scope="col" className="py-1 pr-4">
            {props.columns[0]}
          </th>
          <th scope="col" className="py-1 text-right">
            {props.columns[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.points.map((point) => (
          <tr key={point.label} className="border-b border-stone-200">
            <th scope="row" className="py-1 pr-4 text-left font-normal">
              {point.href ? (
                <a href={point.href} className="link">
                  {point.label}
                </a>
              ) : (
                point.label
              )}
            </th>
            <td className="py-1 text-right tabular-nums">{props.format(point.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Columns over time (one per day or week), with a few labelled ticks on each axis. */
export function ColumnChart(props: { title: string; columns: [string, string]; points: ChartPoint[]; format: (value: number) => string }) {
  const { points } = props;
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...points.map((point) => point.value));
  const x = scaleBand<number>({ domain: points.map((_, index) => index), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const ticks = y.ticks(4);
  const labelEvery = Math.max(1, Math.ceil(points.length / 7));
  return (
    <ChartFrame title={props.title} table={<DataTable {...props} />}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={props.title}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} className="stroke-stone-200" />
              <text x={-6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-stone-600 text-[11px]">
                {props.format(tick)}
              </text>
            </g>
          ))}
          {points.map((point, index) => {
            const height = innerHeight - (y(point.value) ?? innerHeight);
            return (
              <Bar key={point.label} x={x(index)} y={innerHeight - height} width={x.bandwidth()} height={height} className="fill-brand-600">
                <title>{`${point.label}: ${props.format(point.value)}`}</title>
              </Bar>
            );
          })}
          {points.map((point, index) =>
            index % labelEvery === 0 ? (
              <text key={point.label} x={(x(index) ?? 0) + x.bandwidth() / 2} y={innerHeight + 18} textAnchor="middle" className="fill-stone-600 text-[11px]">
                {point.label}
              </text>
            ) : null,
          )}
        </Group>
      </svg>
    </ChartFrame>
  );
}

/** Horizontal bars for categories (statuses, companies, people), each labelled with its value. */
export function BarList(props: { title: string; columns: [string, string]; points: ChartPoint[]; format: (value: number) => string }) {
  const { points } = props;
  const row = 26;
  const labelWidth = 200;
  const valueWidth = 64;
  const height = Math.max(row, points.length * row);
  const max = Math.max(1, ...points.map((point) => point.value));
  const y = scaleBand<number>({ domain: points.map((_, index) => index), range: [0, height], padding: 0.25 });
  const x = scaleLinear<number>({ domain: [0, max], range: [0, WIDTH - labelWidth - valueWidth] });
  return (
    <ChartFrame title={props.title} table={<DataTable {...props} />}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" role="img" aria-label={props.title}>
        {points.map((point, index) => (
          <g key={point.label} transform={`translate(0, ${y(index) ?? 0})`}>
            <text x={labelWidth - 8} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end" className="fill-stone-700 text-[12px]">
              {point.label.length > 28 ? `${point.label.slice(0, 27)}…` : point.label}
            </text>
            <Bar x={labelWidth} y={0} width={Math.max(1, x(point.value))} height={y.bandwidth()} className="fill-brand-600">
              <title>{`${point.label}: ${props.format(point.value)}`}</title>
            </Bar>
            <text x={labelWidth + x(point.value) + 6} y={y.bandwidth() / 2} dy="0.32em" className="fill-stone-700 text-[12px] tabular-nums">
              {props.format(point.value)}
            </text>
          </g>
        ))}
      </svg>
    </ChartFrame>
  );
}
