import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
	type ChartConfiguration
} from 'chart.js';
import type { Attachment } from 'svelte/attachments';

// Only what the dashboard draws is registered (no chart.js/auto): bars, lines, two scales and
// tooltips. Every chart also has its numbers as a table (ChartFigure), so no legend plugin.
Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
);

/**
 * `<canvas {@attach chart(() => config)}>`: creates the chart when the canvas is mounted and
 * destroys it when it goes (or when the config's inputs change, then draws it again).
 */
export function chart(config: () => ChartConfiguration): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		const instance = new Chart(canvas, config());
		return () => instance.destroy();
	};
}

/** The admin palette (app.css): primary for bars, muted grey for the grid. */
export const CHART_COLOURS = {
	primary: '#1849a9',
	primarySoft: 'rgba(24, 73, 169, 0.15)',
	secondary: '#085d3a',
	grid: '#d0d5dd'
};
