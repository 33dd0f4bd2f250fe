"""Scenario files shared by the scenario tests."""

BAD = """
[scenario]
name = "broken"
year = 2024

[[accord]]
bloc = "AA"
members = ["ISR", "Wakanda"]
accession = [{ country = "Kazakhstan", date = 2019-01-01 }]

[accord.effect]
se = 0.1
source = "somebody"
"""
