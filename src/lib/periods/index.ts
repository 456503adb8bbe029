/** Period codes, ISO-date arithmetic and their DuckDB SQL twins. */
export * from './codes';
export * from './dates';
export * from './sql';
