/**
 * A horizontal bar chart drawn by Apache ECharts' server-side SVG renderer: the report needs no
 * script in the browser (a strict Content-Security-Policy) and prints as vectors. A count hidden
 * as « < 5 » (convention art. 6) gets an empty bar labelled « < 5 », never a length that would
 * tell it.
 */
import * as echarts from 'echarts';
import type SVGPainter from 'zrender/lib/svg/Painter';
import type { Compte } from '../monitoring';

export interface Barre {
  libelle: string;
  valeur: Compte;
}

const LARGEUR = 640;
const HAUTEUR_BARRE = 34;
const MARGES = 48;

/** The chart's SVG, or undefined when there is nothing to draw. Same bars, same SVG. */
export function graphiqueEnBarres(barres: Barre[]): string | undefined {
  if (barres.length === 0) return undefined;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: LARGEUR, height: MARGES + HAUTEUR_BARRE * barres.length });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif', fontSize: 12 },
      // ECharts measures text on the server by Arial's widths; the browser's sans-serif may be wider:
      // long labels wrap at 200 px, with 40 px to spare on the left.
      grid: { left: 40, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: barres.map((b) => b.libelle), axisLabel: { interval: 0, width: 200, overflow: 'break' }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          label: { show: true, position: 'right', color: '#222' },
          data: barres.map((b) => (typeof b.valeur === 'number' ? { value: b.valeur } : { value: 0, label: { formatter: b.valeur } })),
        },
      ],
    });
    // The painter's own options: no hover styles nor animations (a printed page has neither), which
    // also keeps the SVG free of the per-instance class names ECharts' wrapper would add.
    return (chart.getZr().painter as unknown as SVGPainter).renderToString({ cssAnimation: false, cssEmphasis: false, useViewBox: true });
  } finally {
    chart.dispose();
  }
}
