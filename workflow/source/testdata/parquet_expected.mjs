// Reference values for the Parquet reader tests (parquet_test.go): DuckDB
// reads each file back and summarises every column.
//
// Made with:
//   cd workflow/source/testdata && NPM_PREFIX=/tmp/h7npm node parquet_expected.mjs > parquet/expected.json
import { createRequire } from 'node:module';
const { DuckDBInstance } = createRequire(process.env.NPM_PREFIX + '/')('@duckdb/node-api');

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const out = {};
for (const file of ['penguins', 'seattle-types']) {
  const path = `parquet/${file}.parquet`;
  const desc = (await c.runAndReadAll(`DESCRIBE SELECT * FROM '${path}'`)).getRowObjectsJson();
  const cols = [];
  for (const d of desc) {
    const name = d.column_name, type = d.column_type;
    if (type.endsWith('[]')) continue; // lists are left out by the reader
    const leaves = type.startsWith('STRUCT') ? structLeaves(name, type) : [[`"${name}"`, name, type]];
    for (const [expr, dotted, t] of leaves) {
      const num = /INT|DOUBLE|FLOAT|DECIMAL/.test(t);
      const text = t === 'VARCHAR';
      const q = `SELECT count(*) - count(${expr}) AS missing,
        ${num ? `sum(${expr})::DOUBLE` : 'NULL'} AS sum,
        ${text ? `count(DISTINCT ${expr})` : 'NULL'} AS distinct_values,
        list(CASE WHEN ${expr} IS NULL THEN NULL
          WHEN '${t}' = 'DATE' THEN strftime(${expr}::DATE, '%Y-%m-%d')
          WHEN '${t}' LIKE 'TIMESTAMP%' THEN strftime(${expr}::TIMESTAMP AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S')
          ELSE ${expr}::VARCHAR END)[1:5] AS first
        FROM '${path}'`;
      const r = (await c.runAndReadAll(q)).getRowObjectsJson()[0];
      cols.push({ name: dotted, type: t, missing: Number(r.missing), sum: r.sum === null ? null : Number(r.sum),
        distinct: r.distinct_values === null ? null : Number(r.distinct_values), first: r.first });
    }
  }
  const n = (await c.runAndReadAll(`SELECT count(*) AS n FROM '${path}'`)).getRowObjectsJson()[0].n;
  out[file] = { rows: Number(n), columns: cols };
}
console.log(JSON.stringify(out, null, 1));

// structLeaves lists the leaves of the struct used in make_parquet.mjs.
function structLeaves(name, type) {
  return [[`"${name}".lat`, `${name}.lat`, 'DECIMAL'], [`"${name}".station.code`, `${name}.station.code`, 'VARCHAR']];
}
