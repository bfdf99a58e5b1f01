-- Builds sqlite/shop.db with Debian's sqlite3 command-line tool.
-- Made with:  cd workflow/source/testdata && rm -f sqlite/shop.db && sqlite3 sqlite/shop.db < make_sqlite.sql
CREATE TABLE penguins (species TEXT, island TEXT, bill_length_mm REAL, bill_depth_mm REAL,
  flipper_length_mm INTEGER, body_mass_g INTEGER, sex TEXT, year INTEGER);
.import --csv --skip 1 /work/shared/datasets/penguins.csv penguins
-- .import stores empty fields as '' text: turn them into NULL.
UPDATE penguins SET bill_length_mm = NULLIF(bill_length_mm, ''), bill_depth_mm = NULLIF(bill_depth_mm, ''),
  flipper_length_mm = NULLIF(flipper_length_mm, ''), body_mass_g = NULLIF(body_mass_g, ''), sex = NULLIF(sex, '');

CREATE TABLE orders (id INTEGER PRIMARY KEY, placed DATE, shipped DATETIME, paid BOOLEAN,
  amount NUMERIC, note TEXT, mixed, code TEXT);
INSERT INTO orders VALUES
  (1, '2024-01-05', '2024-01-06 09:30:00', 1, 120.5, 'first', 1, '007'),
  (2, '2024-01-17', '2024-01-18 14:00:00', 0, 80, NULL, 'two', '008'),
  (3, '2024-02-02', NULL, 1, 310.25, 'big "one"', 3.5, '009'),
  (4, '2024-02-29', '2024-03-01 08:00:00', NULL, 55, 'leap', NULL, '010'),
  (5, NULL, '2024-03-02 00:00:00', 0, -20, 'refund', X'00FF', '011'),
  (6, '2023-12-31', '2024-01-01 12:00:00', 1, 0.5, 'NA', 'six', '012');
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
