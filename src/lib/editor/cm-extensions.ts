/**
 * CodeMirror 6 for plan files: JSON with line numbers and undo history, problems from the one validator
 * (`validatePlanText`, the same words as the CLI's `check`) underlined where they are, suggestions of codes
 * and hover notes. The catalogue and the language are read from `data` each time, so that the page can
 * swap them (then call `refreshPlanLint`).
 */
import {
	autocompletion,
	type Completion,
	type CompletionContext,
	type CompletionResult
} from '@codemirror/autocomplete';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { forceLinting, lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import type { EditorState, Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, type Tooltip } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Lang } from '$lib/i18n';
import { problemMessage } from '$lib/rules/messages';
import { validatePlanText, type PlanProblem } from '$lib/rules/validate';
import { describe, suggest, type EditorData } from './completions';
import { hoverTargetAt, planHints, valueContextAt } from './json-context';

/** Where the editor reads what it knows (swapped by the page as the catalogue loads or the language changes). */
export interface DataSource {
	current: EditorData;
}

/** The end of the token starting at `from`: a string, number or word; for `{` or `[`, the rest of that line. */
export function tokenEnd(text: string, from: number): number {
	const c = text.charAt(from);
	if (c === '"') {
		let i = from + 1;
		while (i < text.length && text.charAt(i) !== '"' && text.charAt(i) !== '\n')
			i += text.charAt(i) === '\\' ? 2 : 1;
		return Math.min(text.length, i + 1);
	}
	if (/[-0-9A-Za-z_.+]/.test(c)) {
		let i = from;
		while (i < text.length && /[-0-9A-Za-z_.+]/.test(text.charAt(i))) i += 1;
		return i;
	}
	if (c === '{' || c === '[') {
		const lineEnd = text.indexOf('\n', from);
		const end =
			(lineEnd < 0 ? text.length : lineEnd) -
			(/\s*$/.exec(text.slice(from, lineEnd < 0 ? undefined : lineEnd))?.[0].length ?? 0);
		return Math.max(from + 1, end);
	}
	return Math.min(text.length, from + 1);
}

/** The validator's problems as CodeMirror diagnostics, at their exact line and column, in the interface language. */
export function problemDiagnostics(
	state: EditorState,
	problems: readonly PlanProblem[],
	lang: Lang
): Diagnostic[] {
	const text = state.doc.toString();
	const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	return problems.map((problem) => {
		let from = 0;
		if (problem.line !== null && problem.column !== null && problem.line <= state.doc.lines) {
			const line = state.doc.line(problem.line);
			from = Math.min(line.to, line.from + problem.column - 1 + (problem.line === 1 ? bom : 0));
		}
		const to = Math.min(state.doc.length, Math.max(from, tokenEnd(text, from)));
		return {
			from,
			to,
			severity: 'error',
			message: problemMessage(problem, lang),
			source: problem.path
		};
	});
}

/** Lint from the validator, refreshed as the user types (after `delay` ms without typing). */
export function planLinter(fileName: () => string, data: DataSource, delay = 350): Extension {
	return [
		linter(
			(view) => {
				const problems = validatePlanText(fileName(), view.state.doc.toString(), data.current.catalogue);
				return problemDiagnostics(view.state, problems, data.current.lang);
			},
			{ delay }
		),
		lintGutter()
	];
}

/** Re-runs the lint now (the catalogue arrived, or the language changed). */
export function refreshPlanLint(view: EditorView): void {
	forceLinting(view);
}

function completionSource(data: DataSource) {
	return (context: CompletionContext): CompletionResult | null => {
		const ctx = valueContextAt(context.state, context.pos);
		if (!ctx) return null;
		// Typing a value opens the list by itself only in quotes; Ctrl+Space opens it anywhere.
		if (!ctx.quoted && !context.explicit && ctx.typed.length === 0) return null;
		const found = suggest(ctx, data.current, planHints(context.state.doc.toString()));
		if (!found) return null;
		const options: Completion[] = found.items.map((item, i) => ({
			label: item.code,
			detail: item.detail,
			info: item.info,
			apply: ctx.quoted ? item.code : JSON.stringify(item.code),
			type:
				item.kind === 'fact' || item.kind === 'operator' || item.kind === 'level' ? 'keyword' : 'constant',
			// Keeps the ranking of codes found by name (CodeMirror would otherwise sort by label).
			boost: found.ranked ? 99 - Math.min(i, 198) : 0
		}));
		return {
			from: ctx.from,
			to: ctx.to,
			options,
			// Catalogue codes are searched by name: CodeMirror must not filter them again by the code.
			filter: !found.ranked
		};
	};
}

function hoverSource(data: DataSource) {
	return (view: EditorView, pos: number, side: -1 | 1): Tooltip | null => {
		const target = hoverTargetAt(view.state, pos, side);
		if (!target) return null;
		const info = describe(target, data.current, planHints(view.state.doc.toString()));
		if (!info) return null;
		return {
			pos: target.from,
			end: target.to,
			above: true,
			create() {
				// Names come from data files: text nodes only, never HTML.
				const dom = document.createElement('div');
				dom.className = 'cm-plan-hover';
				const title = document.createElement('strong');
				title.textContent = info.title;
				dom.append(title);
				for (const line of info.lines) {
					const p = document.createElement('div');
					p.textContent = line;
					dom.append(p);
				}
				return { dom };
			}
		};
	};
}

export interface PlanEditorOptions {
	fileName: () => string;
	data: DataSource;
	/** Called with the whole text after every change. */
	onChange: (text: string) => void;
	/** Accessible name of the editing area (read again as the language changes). */
	label: () => string;
}

/** Every extension of the plan editor. */
export function planEditorExtensions(options: PlanEditorOptions): Extension {
	return [
		basicSetup,
		json(),
		jsonLanguage.data.of({ autocomplete: completionSource(options.data) }),
		autocompletion({ activateOnTyping: true, maxRenderedOptions: 80 }),
		planLinter(options.fileName, options.data),
		hoverTooltip(hoverSource(options.data), { hoverTime: 350 }),
		EditorView.updateListener.of((update) => {
			if (update.docChanged) options.onChange(update.state.doc.toString());
		}),
		EditorView.lineWrapping,
		EditorView.contentAttributes.of(() => ({ 'aria-label': options.label() })),
		EditorView.theme({
			'&': { fontSize: '0.85rem', border: '1px solid var(--line)', background: '#fff' },
			'.cm-scroller': { fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace" },
			'.cm-plan-hover': { padding: '0.3rem 0.5rem', maxWidth: '28rem' },
			'.cm-tooltip-autocomplete .cm-completionDetail': {
				fontStyle: 'normal',
				color: '#55555d',
				marginLeft: '0.6em'
			}
		})
	];
}
