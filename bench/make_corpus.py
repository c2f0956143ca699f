"""Write a synthetic-but-realistic news corpus (JSONL) for scale benchmarks and kill/resume tests.

    python bench/make_corpus.py OUT.jsonl --articles 10000 [--seed 7] [--sentences 24]

Articles are assembled from wire-style sentence templates (direct and indirect quotes, "according to",
chains through agencies, refusals, denials, figures, relative dates, places), with invented people and
organisations, so every article differs and the pipeline does realistic work (~500-700 tokens each).
About 2 % are wire copies of an earlier article with small edits (near-duplicates), as in real feeds.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = [
    "Anna",
    "Pavel",
    "Olena",
    "Mark",
    "Sofia",
    "Ivan",
    "Lena",
    "Tomas",
    "Maria",
    "Yusuf",
    "Kateryna",
    "Dmitri",
    "Elena",
    "Jonas",
    "Irina",
    "Andriy",
    "Nadia",
    "Viktor",
    "Laura",
    "Oleh",
]
LAST = [
    "Kovalenko",
    "Marchetti",
    "Novak",
    "Hendricks",
    "Petrov",
    "Lindqvist",
    "Moroz",
    "Almeida",
    "Horvath",
    "Sato",
    "Bondar",
    "Keller",
    "Duarte",
    "Rybak",
    "Weiss",
    "Tkachenko",
    "Varga",
    "Okafor",
]
ROLES = [
    "a spokesman for",
    "a spokeswoman for",
    "the head of",
    "a senior official at",
    "an adviser to",
    "the commander of",
]
ORGS = [
    "the regional military administration",
    "the defence ministry",
    "the foreign ministry",
    "the national guard",
    "the state emergency service",
    "the border service",
    "the general staff",
    "the interior ministry",
    "the energy ministry",
    "the health ministry",
]
AGENCIES = [
    "AFP",
    "Reuters",
    "the Associated Press",
    "the BBC",
    "CNN",
    "the New York Times",
    "Al Jazeera",
    "the Financial Times",
    "Bloomberg",
    "the Guardian",
]
COUNTRIES = ["Ukraine", "Russia", "Poland", "Moldova", "Georgia", "Belarus", "Romania", "Lithuania"]
PLACES = [
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Kherson",
    "Sumy",
    "Mykolaiv",
    "Chernihiv",
    "Belgorod",
    "Kursk",
    "Bryansk",
    "Lviv",
    "Poltava",
    "Kramatorsk",
    "Sloviansk",
    "Izium",
]
UNITS = ["troops", "soldiers", "civilians", "drones", "missiles", "tanks", "residents", "prisoners"]
VERBS = ["said", "told reporters", "stated", "claimed", "announced", "wrote on Telegram", "insisted"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = [
    "12",
    "40",
    "about 300",
    "more than 1,200",
    "nearly 5,000",
    "dozens of",
    "hundreds of",
    "two",
    "at least 17",
    "up to 60",
    "over 10,000",
    "one-third of the",
    "nearly half of the",
    "three",
]
EVENTS = [
    "{n} {unit} had been moved towards {place}",
    "air defences shot down {n} {unit} over {place} overnight",
    "forces had captured a village near {place}",
    "{n} {unit} were killed when a strike hit {place}",
    "the situation around {place} remained difficult but under control",
    "shelling had damaged power lines in {place}, leaving {n} homes without electricity",
    "the bridge near {place} had been closed since {month}",
    "negotiations on a prisoner exchange involving {n} {unit} would resume {when}",
    "the offensive towards {place} had stalled after heavy losses",
    "aid convoys had reached {place} for the first time since {month}",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WHEN = ["next week", "last week", "on Friday", "earlier this month", "in the coming days", "this year"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _event(rng: random.Random) -> str:
    return rng.choice(EVENTS).format(
        n=rng.choice(NUMBERS),
        unit=rng.choice(UNITS),
        place=rng.choice(PLACES),
        month=rng.choice(MONTHS),
        when=rng.choice(WHEN),
    )


def sentence(rng: random.Random) -> str:
    """One wire-style sentence carrying a claim (or, sometimes, the writer's own statement)."""
    person, org, agency = _person(rng), rng.choice(ORGS), rng.choice(AGENCIES)
    country = rng.choice(COUNTRIES)
    kind = rng.randrange(9)
    if kind == 0:
        return (
            f"{person}, {rng.choice(ROLES)} {country}'s {org.removeprefix('the ')}, told {agency} on "
            f"{rng.choice(WEEKDAYS)} that {_event(rng)}."
        )
    if kind == 1:
        return f"\u201c{_event(rng).capitalize()},\u201d {person} {rng.choice(VERBS)}, according to {agency}."
    if kind == 2:
        return f"According to {agency}, {country}'s {org.removeprefix('the ')} estimated that {_event(rng)}."
    if kind == 3:
        return f"{country} has accused {rng.choice(COUNTRIES)} of lying about the attack, claiming that {_event(rng)}."
    if kind == 4:
        return f"{rng.choice(COUNTRIES)} has dismissed these allegations as propaganda."
    if kind == 5:
        return f"The {org.removeprefix('the ')} has refused to comment on reports that {_event(rng)}."
    if kind == 6:
        return (
            f"{agency.removeprefix('the ').capitalize() if agency.startswith('the ') else agency} reported "
            f"that {_event(rng)}."
        )
    if kind == 7:
        return f"In {rng.choice(MONTHS)}, {_event(rng)}."
    return f"Officials in {rng.choice(PLACES)} said {_event(rng)}, adding that {_event(rng)}."


def article(rng: random.Random, i: int, sentences: int, start: date) -> dict[str, object]:
    """One article as a JSONL record (id, published, outlet, url, title, text)."""
    paras = []
    body = [sentence(rng) for _ in range(sentences)]
    for k in range(0, len(body), 3):
        paras.append(" ".join(body[k : k + 3]))
    published = start + timedelta(days=rng.randrange(365))
    outlet = rng.choice(AGENCIES).removeprefix("the ")
    return {
        "id": f"synthetic-{i:07d}",
        "published": published.isoformat(),
        "outlet": outlet,
        "url": f"https://news.example.org/{published:%Y/%m/%d}/story-{i}",
        "title": body[0][:80],
        "text": "\n\n".join(paras),
    }


def write_corpus(out: Path, n: int, *, seed: int = 7, sentences: int = 24) -> Path:
    """Write ``n`` articles to ``out`` (deterministic for a given seed)."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    kept: list[dict[str, object]] = []
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if kept and rng.random() < 0.02:  # a wire copy with a small edit
                rec = dict(rng.choice(kept))
                rec["id"] = f"synthetic-{i:07d}"
                rec["text"] = str(rec["text"]) + "\n\n(Reporting by staff; editing by desk.)"
            else:
                rec = article(rng, i, sentences, start)
                if len(kept) < 200:
                    kept.append(rec)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sentences", type=int, default=24)
    args = ap.parse_args()
    write_corpus(args.out, args.articles, seed=args.seed, sentences=args.sentences)
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
