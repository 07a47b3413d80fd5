"""Demo codebooks for seed_demo: the passenger safety "feel_safer" question and the staff
survey's "edi_improve", each with a few answers coded by hand, then tagged inline.

Safe to run again: a codebook that exists is left as it is.
"""

from django.db import transaction

from surveys.models import Survey

from .answers import answers_for, answers_refresh
from .models import Codebook
from .review import review_apply
from .services import codebook_create
from .tagging import tagging_run

# (survey slug, question, codebook name, themes, hand-coded examples: start of text -> themes)
DEMO = [
    ("passenger-safety", "feel_safer", "Feeling safer when travelling", [
        ("Staff presence", "Staff, guards or conductors at stations and on services", ["staff", "guard"]),
        ("Lighting", "Light at stops, stations and on the way to them", ["lighting", "dark", "lit"]),
        ("CCTV", "Cameras that work and cover the places people wait and sit", ["cctv", "cameras"]),
        ("Police and enforcement", "Police on services and action against offenders", ["police"]),
        ("Reporting and help", "Ways to report or get help, and being taken seriously", ["report", "help point"]),
        ("Waiting and information", "Shelters, safe waiting areas and real-time information",
         ["shelter", "waiting", "next bus"]),
        ("Anti-social behaviour", "Drinking, groups, abuse or harassment by other passengers",
         ["drinking", "abuse", "grief"]),
    ], {
        "Staff on the platforms": ["Staff presence", "CCTV"],
        "Better lighting at the bus stop": ["Lighting"],
        "More police on the late trains": ["Police and enforcement"],
        "Taking reports seriously": ["Reporting and help", "Anti-social behaviour"],
        "Cameras on the top deck": ["CCTV", "Anti-social behaviour"],
        "Nothing, I feel safe": [],
    }),
    ("staff-survey", "edi_improve", "Improving equality, diversity and inclusion", [
        ("Fair recruitment and progression", "Open, fair recruitment, promotion and development", ["recruitment",
                                                                                                  "development"]),
        ("Reasonable adjustments and access", "Adjustments, accessibility and the building", ["adjustments",
                                                                                            "accessibility"]),
        ("Leadership and representation", "Senior leaders and who they reflect", ["senior leaders"]),
        ("Bullying and raising concerns", "Dealing with bullying and concerns raised", ["bullying", "concerns"]),
        ("Flexible working and wellbeing", "Flexible working, carers, menopause, wellbeing", ["flexible", "carers"]),
        ("Staff networks and voice", "Networks and listening to staff", ["network", "listen"]),
    ], {
        "Fair and open recruitment": ["Fair recruitment and progression"],
        "Managers trained properly": ["Reasonable adjustments and access"],
        "Take bullying complaints": ["Bullying and raising concerns"],
        "More visible support for LGBT+": ["Staff networks and voice"],
        "Nothing, I think we do well": [],
    }),
]


def demo_codebooks(stdout=None) -> None:
    for slug, question, name, themes, coded in DEMO:
        survey = Survey.objects.filter(slug=slug, current_version__isnull=False).first()
        if survey is None or Codebook.objects.filter(survey=survey, question_code=question).exists():
            continue
        codebook = _codebook(survey, question, name, themes, coded)
        result = tagging_run(codebook)
        if stdout is not None:
            stdout.write(f"  Themes: {name}: {result['answers']} answers tagged, {len(coded)} coded by hand")


@transaction.atomic
def _codebook(survey, question, name, themes, coded) -> Codebook:
    codebook = codebook_create(survey=survey, question_code=question, name=name, themes=[
        {"name": n, "description": d, "keywords": k} for n, d, k in themes])
    answers_refresh(survey, question)
    by_name = {t.name: t for t in codebook.themes.all()}
    for start, names in coded.items():
        answer = answers_for(survey, question).filter(text__startswith=start).first()
        if answer is None:
            continue
        for theme_name in names:
            review_apply(codebook=codebook, answer=answer, action="add", theme=by_name[theme_name])
        review_apply(codebook=codebook, answer=answer, action="none" if not names else "confirm")
    return codebook
