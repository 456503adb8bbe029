/** Types of the data contract (design.md §3): the tables in `data/` and what an import must accept. */

/** Levels of the Union, top to bottom. `branch` = chi hội, below the commune union (cơ sở Hội). */
export const LEVELS = ['central', 'province', 'district', 'commune', 'branch'] as const;
export type Level = (typeof LEVELS)[number];

/** How values of several periods combine: `sum` for flows, `last` for stocks. */
export const TIME_AGGREGATIONS = ['sum', 'last', 'max', 'min', 'avg'] as const;
export type TimeAggregation = (typeof TIME_AGGREGATIONS)[number];

/** How sub-units combine into their parent. */
export const UNIT_AGGREGATIONS = ['sum', 'avg', 'max', 'min'] as const;
export type UnitAggregation = (typeof UNIT_AGGREGATIONS)[number];

export interface OrgUnit {
	code: string;
	name: string;
	level: Level;
	parentCode: string | null;
	nameEn: string | null;
	/** Inclusive ISO dates; null means open-ended. Codes repeat across the 2025 reorganisation. */
	validFrom: string | null;
	validTo: string | null;
}

export interface Indicator {
	code: string;
	nameVi: string;
	nameEn: string;
	unit: string;
	timeAggregation: TimeAggregation;
	unitAggregation: UnitAggregation;
}

export interface Programme {
	code: string;
	nameVi: string;
	nameEn: string;
}

/** The contract tables, in the order they must be loaded (later ones are checked against earlier ones). */
export const TABLE_NAMES = [
	'org_units',
	'indicators',
	'programmes',
	'reports',
	'values',
	'targets',
	'submissions',
	'crosswalk_2025',
	'regions'
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type FileFormat = 'csv' | 'parquet' | 'arrow';
