/** Where to draw a one-line tooltip box for a mark, kept inside the chart. Pure. */
import { estimateTextWidth, px } from './text';

export interface TooltipBox {
	x: number;
	y: number;
	width: number;
	height: number;
	/** Baseline-centre of the text. */
	textX: number;
	textY: number;
}

/**
 * A box for `text` centred above the point (`x`, `y`), or below it when there is no room above, moved
 * sideways to stay inside a `width` × `height` chart.
 */
export function tooltipBox(
	x: number,
	y: number,
	text: string,
	width: number,
	height: number,
	fontSize = 12
): TooltipBox {
	const boxW = Math.min(width, Math.ceil(estimateTextWidth(text, fontSize)) + 12);
	const boxH = fontSize + 10;
	const gap = 8;
	const left = Math.min(Math.max(0, x - boxW / 2), Math.max(0, width - boxW));
	const above = y - gap - boxH;
	const top = above >= 0 ? above : Math.min(y + gap, Math.max(0, height - boxH));
	return {
		x: px(left),
		y: px(top),
		width: boxW,
		height: boxH,
		textX: px(left + boxW / 2),
		textY: px(top + boxH / 2 + fontSize * 0.35)
	};
}
