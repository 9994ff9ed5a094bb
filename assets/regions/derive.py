#!/usr/bin/env python3
"""Derives the compact region files lotse ships from ../shared/data/regions.

Run from the repository root:  python3 assets/regions/derive.py ../shared/data/regions
Keeps only what the program uses: Land keys and names; Kreis keys, kinds,
names, area and population (for "Kommunen wie wir"); postal places with their
Kreis and coordinates (for distances and the map).
"""
import csv
import sys
from pathlib import Path

# Eisenach (16056) merged into the Wartburgkreis (16063) in 2021; the postal
# data already maps its places there, so listing it would only show an empty Kreis.
MERGED_KREISE = {"16056"}

source = Path(sys.argv[1])
target = Path(__file__).resolve().parent

with open(source / "laender.csv", newline="", encoding="utf-8") as f, open(
    target / "laender.csv", "w", newline="", encoding="utf-8"
) as out:
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["ags", "code", "name"])
    for row in csv.DictReader(f, delimiter=";"):
        writer.writerow([row["ags"], row["code"], row["name"]])

with open(source / "kreise.csv", newline="", encoding="utf-8") as f, open(
    target / "kreise.csv", "w", newline="", encoding="utf-8"
) as out:
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["ags", "type", "name", "area_km2", "population"])
    for row in csv.DictReader(f, delimiter=";"):
        if row["AGS"] not in MERGED_KREISE:
            writer.writerow([row["AGS"], row["type"], row["name"], row["area_km2"], row["population"]])

seen = set()
with open(source / "orte.tsv", newline="", encoding="utf-8") as f, open(
    target / "orte.csv", "w", newline="", encoding="utf-8"
) as out:
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["plz", "name", "ags", "lat", "lon"])
    for row in csv.DictReader(f, delimiter="\t"):
        key = (row["plz"], row["place"])
        # Places outside any Kreis (Jungholz, Austria) cannot be filtered by region.
        if not row["district_ags"] or key in seen:
            continue
        seen.add(key)
        writer.writerow([row["plz"], row["place"], row["district_ags"], row["lat"], row["lon"]])
