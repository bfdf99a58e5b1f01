// Writes the Parquet test files with DuckDB, an independent Parquet writer.
//
// Made with (DuckDB's npm package in a temporary folder; nothing from npm is
// committed or needed by the tests):
//   npm install --prefix /tmp/h7npm @duckdb/node-api@1.5.6-r.1
//   cd workflow/source/testdata && NPM_PREFIX=/tmp/h7npm node make_parquet.mjs
import { createRequire } from 'node:module';
const { DuckDBInstance } = createRequire(process.env.NPM_PREFIX + '/')('@duckdb/node-api');

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const data = '/work/shared/datasets';

// Penguins as DuckDB reads the CSV: VARCHAR (dictionary-encoded), DOUBLE,
// BIGINT, with nulls; snappy compression (DuckDB's default).
await c.run(`COPY (SELECT * FROM read_csv('${data}/penguins.csv'))
  TO 'parquet/penguins.parquet' (FORMAT parquet)`);

// Many types, nulls, a nested struct, a list, several row groups, zstd.
await c.run(`COPY (
  SELECT
    date::DATE AS day,
    date::TIMESTAMP + to_hours((row_number() OVER ()) % 24) AS observed,
    (date::TIMESTAMP + to_minutes(90))::TIMESTAMPTZ AS observed_tz,
    CASE WHEN (row_number() OVER ()) % 17 = 0 THEN NULL ELSE precipitation END AS precipitation,
    temp_max::FLOAT AS temp_max,
    wind::DECIMAL(5,1) AS wind,
    CASE WHEN (row_number() OVER ()) % 13 = 0 THEN NULL ELSE weather IN ('rain', 'drizzle') END AS wet,
    (row_number() OVER ())::INTEGER AS id,
    ((row_number() OVER ()) * 1000000007)::BIGINT AS big,
    temp_min::SMALLINT AS temp_min_int,
    CASE WHEN (row_number() OVER ()) % 29 = 0 THEN NULL ELSE weather END AS weather,
    'obs-' || (row_number() OVER ()) AS note,
    {'lat': 47.6 + (row_number() OVER ()) / 100000.0, 'station': {'code': 'SEA'}} AS loc,
    [temp_min, temp_max] AS range
  FROM read_csv('${data}/vega_seattle_weather.csv') ORDER BY date)
  TO 'parquet/seattle-types.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 500)`);
