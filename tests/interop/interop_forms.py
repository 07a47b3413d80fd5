"""XLSForm workbooks for the interop tests, built with openpyxl as real forms would be."""

import io

import openpyxl


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx file with the given sheets (rows as lists; the first row is the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SURVEY_HEADER = ["type", "name", "label::English (en)", "label::Welsh (cy)", "label::Arabic (ar)",
                 "hint::English (en)", "hint::Welsh (cy)", "required", "relevant", "constraint",
                 "constraint_message::English (en)", "appearance", "choice_filter", "calculation", "parameters"]


def row(type_, name, en="", cy="", ar="", hint="", hint_cy="", required="", relevant="", constraint="",
        constraint_message="", appearance="", choice_filter="", calculation="", parameters=""):
    return [type_, name, en, cy, ar, hint, hint_cy, required, relevant, constraint, constraint_message, appearance,
            choice_filter, calculation, parameters]


# A form as a community team might have built it for KoboToolbox: metadata, a household group
# with skip logic, or_other, a range, a location, a calculation, a repeat and three languages.
COMMUNITY_NEEDS = {
    "survey": [
        SURVEY_HEADER,
        row("start", "start"),                                                                    # row 2
        row("end", "end"),                                                                        # row 3
        row("deviceid", "deviceid"),                                                              # row 4
        row("begin group", "household", "Your household", "Eich cartref", "أسرتك",
            appearance="field-list"),                                                             # row 5
        row("select_one yes_no", "has_children", "Do you have children under 16?",
            "Oes gennych chi blant dan 16 oed?", "هل لديك أطفال دون 16 عامًا؟", required="yes"),  # row 6
        row("integer", "children_count", "How many children?", "Faint o blant?", "كم عدد الأطفال؟",
            relevant="${has_children} = 'yes'", constraint=". >= 1 and . <= 15",
            constraint_message="Enter a number from 1 to 15"),                                     # row 7
        row("note", "household_note", "The next questions are about local services.",
            "Mae'r cwestiynau nesaf yn ymwneud â gwasanaethau lleol."),                           # row 8
        row("end group", "household"),                                                            # row 9
        row("select_multiple services or_other", "services_used",
            "Which services have you used?", "Pa wasanaethau ydych chi wedi'u defnyddio?",
            hint="Select all that apply.", hint_cy="Dewiswch bob un sy'n berthnasol.",
            constraint="not(selected(., 'none') and count-selected(.) > 1)"),                     # row 10
        row("range", "satisfaction", "How satisfied are you with local services?",
            parameters="start=1 end=5 step=1", required="yes"),                                    # row 11
        row("geopoint", "gps", "Where are you now?"),                                             # row 12
        row("calculate", "double_children", calculation="${children_count} * 2"),                 # row 13
        row("begin repeat", "people", "Each person in the household"),                            # row 14
        row("text", "person_name", "Their first name"),                                           # row 15
        row("end repeat", "people"),                                                              # row 16
        row("select_one council", "council", "Which council area?", choice_filter="region = 'north'"),  # row 17
        row("text", "comments", "What would you improve?", appearance="multiline",
            relevant="selected(${services_used}, 'bus') or ${satisfaction} <= 2",
            constraint="string-length(.) <= 500"),                                                # row 18
        row("date", "last_visit", "When did you last visit a library?",
            relevant="not(${has_children} = 'no')"),                                              # row 19
        row("text", "contact", "How can we contact you?",
            relevant="string-length(${comments}) > 10"),                                          # row 20
        row("select_one yes_no_pnts", "disabled", "Are you disabled?",
            relevant="${satisfaction} >= 3 and (${council} = 'halton' or ${council} = 'wirral')"),  # row 21
    ],
    "choices": [
        ["list_name", "name", "label::English (en)", "label::Welsh (cy)", "label::Arabic (ar)", "region"],
        ["yes_no", "yes", "Yes", "Ie", "نعم", ""],
        ["yes_no", "no", "No", "Na", "لا", ""],
        ["services", "bus", "Buses", "Bysiau", "الحافلات", ""],
        ["services", "library", "Libraries", "Llyfrgelloedd", "المكتبات", ""],
        ["services", "none", "None of these", "Dim un o'r rhain", "لا شيء مما سبق", ""],
        ["council", "halton", "Halton", "Halton", "هالتون", "north"],
        ["council", "wirral", "Wirral", "Cilgwri", "ويرال", "north"],
        ["yes_no_pnts", "yes", "Yes", "Ie", "نعم", ""],
        ["yes_no_pnts", "no", "No", "Na", "لا", ""],
        ["yes_no_pnts", "prefer_not_to_say", "Prefer not to say", "", "", ""],
    ],
    "settings": [
        ["form_title", "form_id", "version", "default_language"],
        ["Community needs survey", "community_needs_2026", "2026031501", "English (en)"],
    ],
}


# A small survey with every question type, as if typed up from paper forms.
PAPER_SURVEY = {
    "schema": 1,
    "survey": {"slug": "paper-survey", "title": "Community survey (paper)", "description": "Typed up from paper."},
    "pages": [
        {"key": "area", "questions": [
            {"code": "local_authority", "type": "single", "text": "Which area do you live in?", "required": True,
             "special": ["prefer_not_to_say"], "options": [{"code": "halton", "label": "Halton"},
                                                           {"code": "wirral", "label": "Wirral"}]}]},
        {"key": "services", "questions": [
            {"code": "services_used", "type": "multiple", "text": "Which have you used?",
             "options": [{"code": "bus", "label": "Buses"}, {"code": "rail", "label": "Trains"},
                         {"code": "none", "label": "None of these", "exclusive": True}]}]},
        {"key": "rating", "questions": [
            {"code": "satisfaction", "type": "scale", "text": "How satisfied are you?", "special": ["dont_know"],
             "scale": {"min": 1, "max": 5, "min_label": "Very dissatisfied", "max_label": "Very satisfied"}}]},
        {"key": "fairness", "questions": [
            {"code": "fairness", "type": "grid", "text": "How much do you agree?", "special": ["dont_know"],
             "scale": {"min": 1, "max": 5}, "items": [{"code": "fair_1", "text": "Staff treat me with respect"},
                                                      {"code": "fair_2", "text": "Information is easy to find"}]}]},
        {"key": "about", "title": "About you", "questions": [
            {"code": "visits", "type": "number", "text": "How many visits?", "min": 0, "max": 100},
            {"code": "visit_date", "type": "date", "text": "When did you last visit?"},
            {"code": "comments", "type": "long_text", "text": "Anything else?", "max_length": 500}]},
    ],
}
