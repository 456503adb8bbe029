/**
 * Vietnamese text folded for matching typed without diacritics: "Cao Bằng" and "cao bang" fold alike, as do
 * "Đắk Lắk" and "dak lak". Pure.
 */
export function foldVietnamese(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}
