"""Writes testdata/excel/report.xlsx with openpyxl (Debian python3-openpyxl).

Made with:  cd workflow/source/testdata && /usr/bin/python3 make_xlsx.py

Sheet "Sales": a merged title row, a header row with a header merged over
two columns, a region merged down several rows, date and date-time cells
with number formats, booleans, empty cells, and styled but empty trailing
rows and columns. Sheet "Iris": the first 40 rows of sk_iris.csv under a
plain header. Sheet "Empty": nothing.
"""
import csv
import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import PatternFill

wb = Workbook()
ws = wb.active
ws.title = "Sales"
ws["A1"] = "Quarterly sales report"
ws.merge_cells("A1:F1")
for col, name in zip("ABCEFG", ["Region", "Date", "Amount", "Paid", "Notes", "When"]):
    ws[col + "2"] = name
ws.merge_cells("C2:D2")
rows = [
    ("North", dt.date(2024, 1, 5), 120.5, 24.1, True, "first order", dt.datetime(2024, 1, 5, 9, 30)),
    (None, dt.date(2024, 1, 17), 80.0, None, False, None, dt.datetime(2024, 1, 17, 14, 0)),
    (None, dt.date(2024, 2, 2), 310.25, 62.05, True, "big, \"quoted\"", None),
    ("South", dt.date(2024, 2, 29), 55.0, 11.0, None, "leap day", dt.datetime(2024, 2, 29, 23, 59, 59)),
    (None, None, 0.5, 0.1, False, "", dt.datetime(2024, 3, 1, 0, 0)),
    ("East", dt.date(2023, 12, 31), -20.0, -4.0, True, "refund", dt.datetime(2023, 12, 31, 12, 0)),
]
for i, r in enumerate(rows):
    n = 3 + i
    for col, v in zip("ABCDEFG", r):
        if v is not None:
            ws["%s%d" % (col, n)] = v
    ws["B%d" % n].number_format = "yyyy-mm-dd"
    ws["G%d" % n].number_format = "yyyy-mm-dd hh:mm:ss"
ws.merge_cells("A3:A5")
ws.merge_cells("A6:A7")
grey = PatternFill("solid", fgColor="DDDDDD")
for n in range(9, 14):  # styled, empty trailing rows
    for col in "ABCDEFGH":
        ws["%s%d" % (col, n)].fill = grey
for n in range(1, 14):  # a styled, empty trailing column
    ws["I%d" % n].fill = grey

iris = wb.create_sheet("Iris")
with open("/work/shared/datasets/sk_iris.csv") as f:
    for i, r in enumerate(csv.reader(f)):
        if i > 40:
            break
        iris.append(r if i == 0 else [float(x) for x in r[:4]] + [int(r[4]), r[5]])
wb.create_sheet("Empty")
wb.save("excel/report.xlsx")
