// run.mjs SQLFILE [THREADS] - run the statements of SQLFILE in an in-memory
// DuckDB through @duckdb/node-api, with THREADS threads (default 2), so
// that bench/measure can time the whole process.  The SQL writes its own
// result (COPY ... TO 'file.csv'); the runner prints nothing on success.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads = '2'] = process.argv.slice(2);
if (!file) {
	console.error('usage: node run.mjs SQLFILE [THREADS]');
	process.exit(2);
}
const sql = readFileSync(file, 'utf8');
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
try {
	await con.run(sql);
} catch (e) {
	console.error(`${file}: ${e.message}`);
	process.exit(1);
}
