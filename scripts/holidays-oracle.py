#!/usr/bin/env python3
"""Prints the public holidays of the Python `holidays` package, the independent oracle
of crates/renewal-domain/src/calendar (see calendar/oracle_tests.rs).

Usage: holidays-oracle.py FIRST_YEAR LAST_YEAR CODE...
  CODE: CO, MX, AR, BR, US, GB (England and Wales: subdivision ENG), ES (national).

Output: one line per holiday date, "CODE YYYY-MM-DD NAME", sorted by code then date.
A date holding two holidays is printed once (names joined by "; " as the package does).
Only the package's default category (public holidays) is used. Exit status 2 when the
package is missing, 1 on bad arguments.
"""

import sys

try:
    import holidays
except ImportError:
    print("holidays-oracle: the Python package `holidays` is not installed", file=sys.stderr)
    sys.exit(2)

SUBDIVISION = {"GB": "ENG"}


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 1
    try:
        first, last = int(argv[1]), int(argv[2])
    except ValueError:
        print("holidays-oracle: years must be integers", file=sys.stderr)
        return 1
    years = range(first, last + 1)
    for code in argv[3:]:
        calendar = holidays.country_holidays(code, subdiv=SUBDIVISION.get(code), years=years)
        for day, name in sorted(calendar.items()):
            if first <= day.year <= last:
                print(f"{code} {day.isoformat()} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
