/**
 * Bytes of a text file → Unicode text, recognising what Vietnamese files really arrive in: UTF-8 (with or without
 * BOM), UTF-16 (BOM, or NUL bytes of ASCII text), Windows-1258 (the Vietnamese code page, which writes tone marks
 * as separate combining characters) and TCVN3/ABC — the font encoding of the `.VnTime` fonts, whose bytes are
 * "valid" Latin-1 ("Hµ Néi") and so pass every generic check. Legacy encodings are converted; when we cannot tell
 * confidently, the result carries a problem and no text, so that the UI refuses the file instead of loading
 * garbled names. Pure.
 */
import type { TextEncoding } from './types';

/** Why a file's text could not be read; each has a message in `messages.ts` saying how to convert it. */
export type EncodingProblem = 'binary' | 'undetermined';

export interface DecodedText {
	/** NFC text; `""` when `problem` is set (never garbled text). */
	text: string;
	encoding: TextEncoding;
	/** True when the text was converted from a legacy encoding (Windows-1258 or TCVN3), for the import report. */
	converted: boolean;
	problem: EncodingProblem | null;
}

/** TCVN3 (ABC, TCVN 5712:1993 VN3) bytes 0xA1–0xFE → Unicode. Bytes not listed are Latin-1 (not letters in ABC). */
const TCVN3_TO_UNICODE: Record<number, string> = {
	0xa1: 'Ă',
	0xa2: 'Â',
	0xa3: 'Ê',
	0xa4: 'Ô',
	0xa5: 'Ơ',
	0xa6: 'Ư',
	0xa7: 'Đ',
	0xa8: 'ă',
	0xa9: 'â',
	0xaa: 'ê',
	0xab: 'ô',
	0xac: 'ơ',
	0xad: 'ư',
	0xae: 'đ',
	0xb5: 'à',
	0xb6: 'ả',
	0xb7: 'ã',
	0xb8: 'á',
	0xb9: 'ạ',
	0xbb: 'ằ',
	0xbc: 'ẳ',
	0xbd: 'ẵ',
	0xbe: 'ắ',
	0xc6: 'ặ',
	0xc7: 'ầ',
	0xc8: 'ẩ',
	0xc9: 'ẫ',
	0xca: 'ấ',
	0xcb: 'ậ',
	0xcc: 'è',
	0xce: 'ẻ',
	0xcf: 'ẽ',
	0xd0: 'é',
	0xd1: 'ẹ',
	0xd2: 'ề',
	0xd3: 'ể',
	0xd4: 'ễ',
	0xd5: 'ế',
	0xd6: 'ệ',
	0xd7: 'ì',
	0xd8: 'ỉ',
	0xdc: 'ĩ',
	0xdd: 'í',
	0xde: 'ị',
	0xdf: 'ò',
	0xe1: 'ỏ',
	0xe2: 'õ',
	0xe3: 'ó',
	0xe4: 'ọ',
	0xe5: 'ồ',
	0xe6: 'ổ',
	0xe7: 'ỗ',
	0xe8: 'ố',
	0xe9: 'ộ',
	0xea: 'ờ',
	0xeb: 'ở',
	0xec: 'ỡ',
	0xed: 'ớ',
	0xee: 'ợ',
	0xef: 'ù',
	0xf1: 'ủ',
	0xf2: 'ũ',
	0xf3: 'ú',
	0xf4: 'ụ',
	0xf5: 'ừ',
	0xf6: 'ử',
	0xf7: 'ữ',
	0xf8: 'ứ',
	0xf9: 'ự',
	0xfa: 'ỳ',
	0xfb: 'ỷ',
	0xfc: 'ỹ',
	0xfd: 'ý',
	0xfe: 'ỵ'
};

/**
 * Windows-1258 bytes 0x80–0xFF that differ from Latin-1 (WHATWG index). Used when the runtime's TextDecoder lacks
 * the label; 0xCC, 0xD2, 0xDE, 0xEC, 0xF2 are the combining tone marks, composed afterwards by NFC.
 */
const WINDOWS_1258_DIFF: Record<number, string> = {
	0x80: '€',
	0x82: '‚',
	0x83: 'ƒ',
	0x84: '„',
	0x85: '…',
	0x86: '†',
	0x87: '‡',
	0x88: 'ˆ',
	0x89: '‰',
	0x8b: '‹',
	0x8c: 'Œ',
	0x91: '‘',
	0x92: '’',
	0x93: '“',
	0x94: '”',
	0x95: '•',
	0x96: '–',
	0x97: '—',
	0x98: '˜',
	0x99: '™',
	0x9b: '›',
	0x9c: 'œ',
	0x9f: 'Ÿ',
	0xc3: 'Ă',
	0xcc: '\u0300',
	0xd0: 'Đ',
	0xd2: '\u0309',
	0xd5: 'Ơ',
	0xdd: 'Ư',
	0xde: '\u0303',
	0xe3: 'ă',
	0xec: '\u0301',
	0xf0: 'đ',
	0xf2: '\u0323',
	0xf5: 'ơ',
	0xfd: 'ư',
	0xfe: '₫'
};

/** How much of a file (bytes or characters) decides its encoding: the header and many rows, not 50 MB. */
const DETECTION_SAMPLE = 256 * 1024;

/** Share of words with non-ASCII letters that must read as Vietnamese syllables to accept a legacy decoding. */
const PLAUSIBLE_SHARE = 0.8;

function latin1Char(byte: number): string {
	return String.fromCharCode(byte);
}

/** The bytes as Latin-1 characters (one per byte), for `tcvn3ToUnicode` to map once. */
function latin1(bytes: Uint8Array): string {
	const parts: string[] = [];
	// In slices: String.fromCharCode takes its arguments on the stack.
	for (let at = 0; at < bytes.length; at += 8192) {
		parts.push(String.fromCharCode(...bytes.subarray(at, at + 8192)));
	}
	return parts.join('');
}

function decodeWindows1258(bytes: Uint8Array): string {
	try {
		return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
	} catch {
		// The label is in the WHATWG Encoding standard, but a runtime built without ICU may lack it.
		let out = '';
		for (const byte of bytes) out += WINDOWS_1258_DIFF[byte] ?? latin1Char(byte);
		return out.normalize('NFC');
	}
}

/**
 * Text that was TCVN3 but went through a Latin-1 reading ("Hµ Néi" in a UTF-8 file or a workbook cell) → Unicode.
 * Characters above U+00FF are kept. Toned capitals do not exist in ABC (they are lower-case codes shown with a
 * capitals font, .VnTimeH), so a converted letter inside an all-capitals word is put in capitals: "HµNéI" → "HÀNỘI".
 */
export function tcvn3ToUnicode(text: string): string {
	const converted = text.replace(/[\u00a1-\u00fe]/g, (ch) => TCVN3_TO_UNICODE[ch.charCodeAt(0)] ?? ch);
	return converted.replace(/[\p{L}]+/gu, (word) => {
		const ascii = word.replace(/[^A-Za-z]/g, '');
		return ascii.length >= 2 && ascii === ascii.toUpperCase() ? word.toUpperCase() : word;
	});
}

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
// `k` ends ethnic-minority place names written the Vietnamese way (Đắk Lắk, Đắk Nông).
const CODA = '(?:ch|ng|nh|c|k|m|n|p|t)?';
/** Vowel nuclei of Vietnamese syllables, tones removed (the glide of `qu`/`gi` belongs to the onset). */
const NUCLEI = [
	'a',
	'ă',
	'â',
	'e',
	'ê',
	'i',
	'o',
	'ô',
	'ơ',
	'u',
	'ư',
	'y',
	'ai',
	'ao',
	'au',
	'ay',
	'âu',
	'ây',
	'eo',
	'êu',
	'ia',
	'iê',
	'iu',
	'oa',
	'oă',
	'oe',
	'oi',
	'ôi',
	'ơi',
	'ua',
	'uâ',
	'uê',
	'ui',
	'uô',
	'uơ',
	'uy',
	'ưa',
	'ưi',
	'ưu',
	'ươ',
	'yê',
	'iêu',
	'oai',
	'oay',
	'oeo',
	'uây',
	'uôi',
	'ươi',
	'ươu',
	'uyê',
	'yêu',
	'uya',
	'uyu'
];
const SYLLABLE = new RegExp(`^${ONSET}(?:${NUCLEI.join('|')})${CODA}$`);
/** Word separators: white space, digits, ASCII punctuation and the General Punctuation block (“ ” – …); Latin-1
 * symbols (µ ¸ » §) are not separators, so that they stay inside the garbled words they betray. */
const WORD_SEPARATORS = /[\s0-9!-/:-@[-`{-~\u2000-\u206f]+/u;
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Whether `word` (lower case, NFC) can be one Vietnamese syllable: onset, 1–3 vowels, coda, at most one tone. */
function isVietnameseSyllable(word: string): boolean {
	const decomposed = word.normalize('NFD');
	const tones = decomposed.match(TONE_MARKS)?.length ?? 0;
	if (tones > 1) return false;
	// Drop tones but keep the vowel shapes (ă â ê ô ơ ư) and đ.
	const base = decomposed.replace(TONE_MARKS, '').normalize('NFC');
	return SYLLABLE.test(base);
}

/**
 * Of the words containing a non-ASCII character, the share that are Vietnamese syllables, and how many such words
 * there were. Symbols such as µ ¸ » § inside a word make it implausible.
 */
function plausibility(text: string): { share: number; words: number } {
	let words = 0;
	let good = 0;
	for (const token of text.toLowerCase().split(WORD_SEPARATORS)) {
		if (!/[\u0080-\uffff]/.test(token)) continue;
		words += 1;
		if (isVietnameseSyllable(token)) good += 1;
	}
	return { share: words === 0 ? 1 : good / words, words };
}

/** Whether text (already Unicode) is TCVN3 read as Latin-1: implausible as it is, plausible once converted. */
function looksLikeTcvn3Garble(text: string): boolean {
	if (!/[\u00a1-\u00fe]/.test(text)) return false;
	const asIs = plausibility(text);
	if (asIs.words === 0) return false;
	const converted = plausibility(tcvn3ToUnicode(text));
	return asIs.share < PLAUSIBLE_SHARE && converted.share >= PLAUSIBLE_SHARE && converted.share > asIs.share;
}

/**
 * For the cells of one table (a workbook sheet, or a UTF-8 file made from a TCVN3 workbook): when the text as a whole
 * is TCVN3 read as Latin-1, every cell converted; otherwise the cells unchanged and `converted` false. Decided on all
 * cells together so that one odd name does not flip a table.
 */
export function repairTcvn3Cells(cells: readonly string[]): { cells: string[]; converted: boolean } {
	const sample = cells
		.filter((c) => /[\u00a1-\u00fe]/.test(c))
		.join('\n')
		.slice(0, DETECTION_SAMPLE);
	if (!looksLikeTcvn3Garble(sample)) return { cells: [...cells], converted: false };
	return { cells: cells.map(tcvn3ToUnicode), converted: true };
}

function hasNuls(bytes: Uint8Array, parity: 0 | 1, sample: number): number {
	let count = 0;
	for (let i = parity; i < Math.min(bytes.length, sample); i += 2) if (bytes[i] === 0) count += 1;
	return count;
}

function refused(encoding: TextEncoding, problem: EncodingProblem): DecodedText {
	return { text: '', encoding, converted: false, problem };
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', skip: number): DecodedText {
	const text = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(skip)).normalize('NFC');
	return { text, encoding, converted: false, problem: null };
}

/**
 * The text of a file's bytes, with how it was decoded. Order of evidence: a BOM; NUL bytes (UTF-16 without BOM, or a
 * binary file such as an .xls renamed .csv); valid UTF-8 (then TCVN3 text saved through Latin-1 is repaired); else a
 * single-byte legacy encoding, chosen between Windows-1258 and TCVN3 by which one reads as Vietnamese syllables.
 * Pure ASCII is UTF-8.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return fromUtf8(bytes.subarray(3), false) as DecodedText;
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le', 2);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be', 2);
	const sample = 4096;
	const half = Math.min(bytes.length, sample) / 2;
	const oddNuls = hasNuls(bytes, 1, sample);
	const evenNuls = hasNuls(bytes, 0, sample);
	// ASCII text in UTF-16 has a NUL in (nearly) every other byte; Vietnamese letters (U+1EA0…) have none.
	if (half > 0 && oddNuls >= half * 0.3 && evenNuls < half * 0.05) return utf16(bytes, 'utf-16le', 0);
	if (half > 0 && evenNuls >= half * 0.3 && oddNuls < half * 0.05) return utf16(bytes, 'utf-16be', 0);
	if (oddNuls + evenNuls > 0) return refused('utf-8', 'binary');
	return fromUtf8(bytes, true) ?? fromLegacy(bytes);
}

/** UTF-8 text (TCVN3 garble repaired); null when the bytes are not UTF-8 and `fatal` (no BOM promised UTF-8). */
function fromUtf8(bytes: Uint8Array, fatal: boolean): DecodedText | null {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal }).decode(bytes);
	} catch {
		return null;
	}
	if (looksLikeTcvn3Garble(text.slice(0, DETECTION_SAMPLE))) {
		return { text: tcvn3ToUnicode(text).normalize('NFC'), encoding: 'tcvn3', converted: true, problem: null };
	}
	return { text: text.normalize('NFC'), encoding: 'utf-8', converted: false, problem: null };
}

function fromLegacy(bytes: Uint8Array): DecodedText {
	const readings = {
		'windows-1258': decodeWindows1258,
		tcvn3: (b: Uint8Array) => tcvn3ToUnicode(latin1(b)).normalize('NFC')
	};
	// Decided on the first part of the file (its header and first rows), then the whole file is converted.
	const sample = bytes.subarray(0, DETECTION_SAMPLE);
	const scored = (['windows-1258', 'tcvn3'] as const)
		.map((encoding) => ({ encoding, ...plausibility(readings[encoding](sample)) }))
		.sort((a, b) => b.share - a.share);
	const [best, second] = scored as [(typeof scored)[0], (typeof scored)[0]];
	// Confident only when the best reading is mostly Vietnamese and clearly better than the other one.
	if (best.words > 0 && best.share >= PLAUSIBLE_SHARE && best.share - second.share >= 0.2) {
		return { text: readings[best.encoding](bytes), encoding: best.encoding, converted: true, problem: null };
	}
	return refused(best.encoding, 'undetermined');
}
