"""A redaction test corpus written for this project, generated from templates.

Two splits with disjoint templates, first names, surnames, streets and numbers:

- ``tuning``: what the redactor's rules were developed against;
- ``held_out``: written before it was ever run, never tuned on, reported separately.

Each split has planted answers (phone-style text with personal details of every kind,
each with its exact character span) and ordinary local answers that contain no personal
detail but do contain the words that trip redactors: street and place names, "miss
appointments", "named contact", "my MS", route numbers, times and counts.

Run ``python -m tests.themes.redaction_corpus OUT_DIR`` to write the splits as CSV files
(id, text, spans) for use outside the tests.
"""

import csv
import random
import re
import sys
from pathlib import Path
from typing import NamedTuple

SEED = 19


class Planted(NamedTuple):
    text: str
    details: tuple[tuple[int, int, str], ...]  # (start, end, kind)


_SLOT = re.compile(r"\{(\w+)\}")


def _fill(template: str, values: dict[str, tuple[str, str | None]]) -> Planted:
    """Fill ``{slot}``s; a value's kind (None for ordinary words) records a planted span."""
    out, details, cursor = [], [], 0
    length = 0
    for match in _SLOT.finditer(template):
        literal = template[cursor : match.start()]
        out.append(literal)
        length += len(literal)
        value, kind = values[match.group(1)]
        if kind:
            details.append((length, length + len(value), kind))
        out.append(value)
        length += len(value)
        cursor = match.end()
    out.append(template[cursor:])
    return Planted("".join(out), tuple(details))


SPLITS = {
    "tuning": {
        "first": ["dave", "Sarah", "Priya", "jo", "Kevin", "Aisha", "Tom", "michelle", "Gary",
                  "Fatima", "liam", "Chloe", "Mohammed", "Karen", "steve", "Olivia"],
        "unlisted_first": ["Chidi", "Wiktoria", "Oisin", "Tayo", "Rukhsana", "Bronagh"],
        "surname": ["Smith", "Jones", "Okafor", "Patel", "Murphy", "Kowalski", "Hughes",
                    "O'Brien", "Begum", "Roberts", "Nguyen", "Clarke"],
        "street": ["Lime Street", "Bold St", "Smithdown Road", "Queens Drive", "Church Road",
                   "Park Lane", "Stanley Road", "Derby Rd", "Elm Grove", "Rose Avenue"],
        "place": ["Kirkby", "Bootle", "Huyton", "Birkenhead", "Speke", "Crosby", "Walton",
                  "St Helens", "Wallasey", "Halewood", "Everton", "Prescot"],
        "planted": [
            ("staff_number", "my staff no is {x} and no one replied"),
            ("staff_number", "payroll number {x} pls sort my pay"),
            ("staff_number", "employee id: {x} still waiting on a reply from hr"),
            ("staff_number", "staff number {x}, manager wont listen"),
            ("extension", "ring the depot on ext {x} they never answer"),
            ("extension", "call 0151 330 1000 extension {x} ask for the supervisor"),
            ("extension", "internal line x{x} is always engaged"),
            ("address", "i live at {x} and the bus stop outside is dark"),
            ("address", "bins not collected at {x} for 3 weeks"),
            ("address", "flat 2, {x} - lift broken again"),
            ("phone", "text me on {x} if u want more info"),
            ("phone", "my mob is {x} call after 6"),
            ("email", "email me {x} ta"),
            ("postcode", "im in {x} and there's no bus after 7"),
            ("ni_number", "my ni is {x} why do u need it"),
            ("vehicle_reg", "the car {x} parks on the pavement every day"),
            ("name", "the driver {x} was so rude to my mum"),
            ("name", "{x} on reception was lovely"),
            ("name", "mr {x} the manager ignored my complaint"),
            ("name", "my name is {x} and i use a wheelchair"),
            ("signoff_dash", "more buses to {place} pls - {x}"),
            ("signoff_dash", "buses always late\n-- {x}"),
            ("signoff_comma", "{x}, {place}"),
            ("signoff_comma", "Buses never turn up on time. {x}, resident of {place}"),
            ("signoff_thanks", "lighting at the stop please. thanks, {x}"),
        ],
        "ordinary": [
            "the stop on {street} is pitch dark after 8pm",
            "the 14 down {street} is always late",
            "bus from {place} to town takes ages",
            "i miss appointments because the bus doesnt come",
            "had to miss work twice cos the train was cancelled",
            "my named contact never rang back",
            "having a named person to ring would help",
            "my MS makes the steps at {place} station really hard",
            "with MS i cant stand for 40 mins at {street}",
            "the manager was helpful at the {place} depot",
            "asked the manager about it and nothing changed",
            "waited 25 minutes at {street} in the rain",
            "need more staff at {place} after dark",
            "Thanks to the team at {place}, brilliant service",
            "cheers from {place}",
            "great service - thanks",
            "Lime Street station lifts broken again - awful",
            "the 86 on {street} is packed every morning, 2 buses went past",
            "Drivers at {place} are great, 10/10",
            "3 times this week the 10A didnt turn up in {place}",
            "Ms is hard to live with, the seats help",
            "i miss the old route through {place}",
            "the named stop on the app doesnt exist",
            "Sefton Park gates are locked at night, feels unsafe",
            "St Helens bus station needs cctv",
            "Lady on phone was very helpful but the bus never came",
            "Care on the ward could have been better",
            "the crew were great, paramedics Explanation was clear",
            "I've been lucky with my named nurse, I've had no problems",
            "Customer Services, Merseytravel, never reply",
            "waited 45 mins park road, then 2 buses came at once",
        ],
    },
    "held_out": {
        "first": ["Emma", "paul", "Jasmine", "Ryan", "natalie", "Imran", "Hannah", "Craig",
                  "zoe", "Ahmed", "Lauren", "Peter", "megan", "Callum", "Yasmin", "Neil"],
        "unlisted_first": ["Kwabena", "Agnieszka", "Declan", "Temitope", "Shirin", "Marek"],
        "surname": ["Taylor", "Brown", "Adeyemi", "Khan", "Doyle", "Nowak", "Evans",
                    "McCarthy", "Ali", "Wright", "Tran", "Gallagher"],
        "street": ["Hanover Street", "Dale St", "County Road", "Edge Lane", "Scotland Road",
                   "Walton Lane", "Prescot Rd", "Ash Grove", "Oak Avenue", "Lodge Lane"],
        "place": ["Southport", "Formby", "Runcorn", "Widnes", "Garston", "Anfield",
                  "Toxteth", "Maghull", "Netherton", "Heswall", "Rainhill", "Aintree"],
        "planted": [
            ("staff_number", "staff ID {x} - been off sick, no contact"),
            ("staff_number", "emp no. {x} overtime still not paid"),
            ("staff_number", "My Payroll No: {x}"),
            ("staff_number", "personnel number {x} ask hr they have it"),
            ("extension", "they gave me ext. {x} but it rings out"),
            ("extension", "0151 227 2000 ext{x} no answer ever"),
            ("extension", "call extension no {x} for facilities"),
            ("address", "come and see the flooding at {x} its a disgrace"),
            ("address", "No. {x} has had the road dug up for months"),
            ("address", "we moved to {x} last yr no bus at all"),
            ("phone", "pls ring {x} i work nights"),
            ("phone", "contact me on {x}"),
            ("email", "reply to {x} if u can"),
            ("postcode", "postcode {x} the stop is a mile away"),
            ("ni_number", "NI no {x}"),
            ("vehicle_reg", "taxi reg {x} nearly ran me over"),
            ("name", "nurse {x} was amazing with my dad"),
            ("name", "i spoke to {x} in the office, useless"),
            ("name", "Dr {x} never explained anything"),
            ("name", "i'm called {x} and i'm deaf"),
            ("signoff_dash", "fix the lifts at {place} station - {x}"),
            ("signoff_dash", "no toilets anywhere\n- {x}"),
            ("signoff_comma", "{x}, {place} resident"),
            ("signoff_comma", "Please add seating. {x}, {place}"),
            ("signoff_thanks", "a shelter would be nice. Regards {x}"),
        ],
        "ordinary": [
            "no shelter at the stop on {street} so u get soaked",
            "the 17 along {street} never keeps to the timetable",
            "trains from {place} are always cancelled",
            "people miss appointments at the hospital cos of the buses",
            "dont want to miss my connection at {place} again",
            "we were told there'd be a named contact but no one came",
            "named days for bin collection keep changing",
            "my ms means i need a seat, priority seats always taken",
            "living with MS the walk to {street} is too far",
            "station manager at {place} sorted it quick",
            "complained to the depot manager, no reply",
            "queued 15 mins outside {place} station",
            "more police at {place} at night please",
            "Thank you {place} council for the new lights",
            "greetings from {place}",
            "lovely drivers - cheers",
            "James Street station smells, needs a clean",
            "the 82C from {street} skipped 3 stops",
            "Staff at {place} are polite, 9/10",
            "2 hrs to get to {place} and back for a 10 min appt",
            "Miss the old 27 route through {place}",
            "MS nurse said to avoid crowded buses",
            "Church Street is packed on saturdays, pickpockets",
            "Pier Head ferry staff were really kind",
            "John Lewis bus stop needs a shelter",
        ],
    },
}

_VALUES = {
    "tuning": {
        "staff_number": ["448213", "P-88213", "E12345", "0045612", "LCR10442", "77310"],
        "extension": ["4521", "2231", "3307", "61842"],
        "address": ["14 {street}", "7a {street}", "221 {street}", "3 {street}"],
        "phone": ["07700 900123", "0151 496 0011", "07911-123-456", "+44 7700 900456"],
        "email": ["jo.bloggs@example.com", "sazza_99@hotmail.co.uk"],
        "postcode": ["L1 8JQ", "l32 4tx", "CH41 5AB"],
        "ni_number": ["AB 12 34 56 C", "qq123456a"],
        "vehicle_reg": ["AB12 CDE", "mx63 tyu"],
    },
    "held_out": {
        "staff_number": ["390117", "EMP-4402", "A998812", "00331901", "HR55120", "86034"],
        "extension": ["5578", "1049", "8823", "42210"],
        "address": ["52 {street}", "9b {street}", "118 {street}", "6 {street}"],
        "phone": ["07123 456789", "0151 233 9876", "07502 111 222", "0044 7400 123456"],
        "email": ["kwame.b@gmail.com", "hannah-w@live.co.uk"],
        "postcode": ["L8 0TD", "wa8 7qq", "PR8 1RJ"],
        "ni_number": ["JK 98 76 54 B", "ty765432d"],
        "vehicle_reg": ["YK19 ZXC", "bn70 ppl"],
    },
}


def _name_value(kind: str, split: dict, rng: random.Random) -> str:
    first = rng.choice(split["first"] + split["unlisted_first"])
    surname = rng.choice(split["surname"])
    if kind in {"signoff_comma"}:
        first = first[0].upper() + first[1:]
        return f"{first} {surname}"
    if kind == "name" and rng.random() < 0.5:
        return f"{first} {surname.lower() if first.islower() else surname}"
    return first


def generate(split_name: str, n_planted: int = 400, n_ordinary: int = 1200) -> tuple[list[Planted], list[str]]:
    """(planted answers with spans, ordinary answers) for one split, deterministically."""
    rng = random.Random(f"{SEED}-{split_name}")
    split, values = SPLITS[split_name], _VALUES[split_name]
    planted = []
    for i in range(n_planted):
        kind, template = split["planted"][i % len(split["planted"])]
        place = rng.choice(split["place"])
        if kind in values:
            value = rng.choice(values[kind]).format(street=rng.choice(split["street"]))
            detail_kind = kind
        else:
            value, detail_kind = _name_value(kind, split, rng), "name"
            if "dr {x}" in template.lower() or "mr {x}" in template.lower():
                value = rng.choice(split["surname"])
            elif kind in {"name"} and template.startswith("{x}"):
                value = value[0].upper() + value[1:]
        planted.append(_fill(template, {"x": (value, detail_kind), "place": (place, None)}))
    ordinary = []
    for i in range(n_ordinary):
        template = split["ordinary"][i % len(split["ordinary"])]
        filled = _fill(template, {"street": (rng.choice(split["street"]), None),
                                  "place": (rng.choice(split["place"]), None)})
        text = filled.text
        if rng.random() < 0.3:  # phone-style: no capitals, no full stop
            text = text.lower().rstrip(".")
        ordinary.append(text)
    return planted, ordinary


def detail_count(planted: list[Planted]) -> int:
    return sum(len(p.details) for p in planted)


def main(out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in SPLITS:
        planted, ordinary = generate(name)
        with (out / f"redaction_{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "text", "details"])
            for i, p in enumerate(planted):
                writer.writerow([f"p{i}", p.text, ";".join(f"{s}:{e}:{k}" for s, e, k in p.details)])
            for i, text in enumerate(ordinary):
                writer.writerow([f"o{i}", text, ""])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
