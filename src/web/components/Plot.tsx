/**
 * A uPlot chart that fills its container's width and follows the theme's
 * accent colour. uPlot positions its parts with CSSOM styles, which the CSP allows.
 */
import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface PlotSeries {
  label: string;
  /** A CSS variable name for the colour, e.g. `--accent`. */
  colorVar: string;
  bars?: boolean;
  dash?: number[];
}

/** x values are seconds (time axis) unless `xLabels` names each point. */
export function Plot({ data, series, label, xLabels, height = 240 }: { data: AlignedData; series: PlotSeries[]; label: string; xLabels?: string[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const color = (v: string) => css.getPropertyValue(v).trim() || '#2f6f5e';
    const text = color('--muted');
    const grid = color('--line');
    const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const opts: Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: !xLabels } },
      legend: { show: series.length > 1 },
      cursor: { drag: { x: false, y: false } },
      axes: [
        xLabels ? { ...axis, values: (_u, splits) => splits.map((s) => xLabels[s] ?? '') } : axis,
        { ...axis, size: 40 },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: color(s.colorVar),
          fill: s.bars ? color(s.colorVar) : undefined,
          width: 2,
          dash: s.dash,
          paths: s.bars ? bars : undefined,
          points: { show: !s.bars && !s.dash },
        })),
      ],
    };
    const plot = new uPlot(opts, data, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [data, series, xLabels, height]);
  return <div ref={box} className="plot" role="img" aria-label={label} />;
}
