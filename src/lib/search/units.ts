/** Finding a unit by name, with or without diacritics, among the units a view covers. Pure. */
import { LEVELS } from '$lib/model/data';
import type { UnitInfo } from '$lib/state/units';
import { foldVietnamese } from './fold';

export interface UnitMatch {
	unit: UnitInfo;
	/** Lower is better: exact name, then a word starting with the query, then anywhere. */
	rank: number;
}

/** Words of the official name without its type ("Xã", "Huyện"…), so "bao lac" finds "Huyện Bảo Lạc" first. */
function folded(unit: UnitInfo): string {
	return foldVietnamese(`${unit.name} ${unit.code}`);
}

export function searchUnits(units: Iterable<UnitInfo>, query: string, limit = 12): UnitMatch[] {
	const q = foldVietnamese(query);
	if (q.length < 2) return [];
	const tokens = q.split(' ');
	const matches: UnitMatch[] = [];
	for (const unit of units) {
		const name = folded(unit);
		if (!tokens.every((token) => name.includes(token))) continue;
		const bare = foldVietnamese(unit.name).replace(
			/^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran) /,
			''
		);
		const rank = bare === q ? 0 : bare.startsWith(q) || name.includes(` ${q}`) ? 1 : 2;
		matches.push({ unit, rank });
	}
	return matches
		.sort(
			(a, b) =>
				a.rank - b.rank ||
				LEVELS.indexOf(a.unit.level) - LEVELS.indexOf(b.unit.level) ||
				a.unit.name.localeCompare(b.unit.name, 'vi')
		)
		.slice(0, limit);
}
