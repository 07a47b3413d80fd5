"""A keyboard-only respondent for browser tests.

It answers whatever question page it is on as a person without a mouse would: Tab and
Shift+Tab to move, Space to tick, arrow keys to move within a radio group, typing, and Enter
on Continue. It never clicks, fills or focuses by selector; it only reads what has focus.
On every step it checks that the focused element shows a visible focus indicator (WCAG
2.4.7) and that focus moves on through the page in document order (2.4.3, no trap: 2.1.2).

Fields in a conditional reveal are answered like any other: a choice reveals them and Tab
then reaches them (hidden ones take no focus).

A ``plan`` steers answers by question code (a radio value, a list of checkbox values, text);
anything not in the plan gets the first option, or a short valid value.
"""

import datetime
import re

# What has focus, and whether it moved forward from the previous focus (document order).
FOCUSED = """() => {
  const el = document.activeElement;
  const previous = window.__keyboardPrevious;
  window.__keyboardPrevious = el;
  const YELLOW = 'rgb(255, 221, 0)';  // GOV.UK's focus colour
  // GOV.UK radios and checkboxes hide the native input; the focus ring is drawn on the label.
  const painted = [[el, null]];
  if (el.matches('.govuk-radios__input, .govuk-checkboxes__input') && el.labels.length)
    painted.push([el.labels[0], '::before']);
  const indicated = painted.some(([node, pseudo]) => {
    const s = getComputedStyle(node, pseudo);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
      && !/rgba\\(.*, 0\\)|transparent/.test(s.outlineColor);
    return outline || s.boxShadow.includes(YELLOW) || s.backgroundColor === YELLOW;
  });
  let order = previous === el ? 'same' : 'start';
  if (previous && previous !== el && previous.isConnected) {
    const following = previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    order = (following ? 'forward' : 'backward');
  }
  return {
    tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '', value: el.value || '',
    checked: !!el.checked, id: el.id, inputmode: el.inputMode || '',
    text: (el.innerText || '').trim().slice(0, 60),
    inPage: el !== document.body && document.body.contains(el),
    inErrorSummary: !!el.closest('.govuk-error-summary'),
    indicated, order,
  };
}"""
MAX_TABS = 120
DATE_PARTS = ("day", "month", "year")


class KeyboardRespondent:
    def __init__(self, page, definition, *, plan=None, today=None):
        self.page, self.definition, self.plan = page, definition, plan or {}
        # Any date is a past one; 40 years back makes a date of birth an adult's.
        when = (today or datetime.date.today()).replace(day=15) - datetime.timedelta(days=365 * 40)
        self.date = {"day": str(when.day), "month": str(when.month), "year": str(when.year)}
        self.visited: list[str] = []  # page keys, in order
        self.problems: list[str] = []  # focus not visible, focus order

    # Moving focus

    def focused(self) -> dict:
        return self.page.evaluate(FOCUSED)

    def tab(self, backwards=False) -> dict:
        self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        element = self.focused()
        where = f"{self.page.url} {element['tag']}#{element['id']} {element['text']!r}"
        assert element["order"] != "same", f"keyboard trap: Tab leaves focus on {where}"
        if element["inPage"]:
            if not element["indicated"]:
                self.problems.append(f"no visible focus indicator: {where}")
            if element["order"] not in ("backward" if backwards else "forward", "start"):
                self.problems.append(f"focus moved {element['order']} on {'Shift+' * backwards}Tab: {where}")
        return element

    def tab_to(self, matches) -> dict:
        """Tab until ``matches(element)``; fails if focus runs off the end of the page first."""
        for _ in range(MAX_TABS):
            element = self.tab()
            if not element["inPage"]:
                break
            if matches(element):
                return element
        raise AssertionError(f"{self.page.url}: Tab never reached the element wanted")

    def press_enter_and_wait(self):
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    # The journey

    def start(self):
        """From a start page: Tab to "Start now" and press Enter."""
        self.tab_to(lambda e: e["tag"] == "button" and e["text"].startswith("Start now"))
        self.press_enter_and_wait()

    def answer_pages(self, on_page=None):
        """Answer page after page until check your answers; ``on_page(key)`` runs on each arrival."""
        while key := question_page_key(self.page.url):
            if on_page:
                on_page(key)
            self.answer_page()

    def answer_page(self):
        self.visited.append(question_page_key(self.page.url))
        answered: set[str] = set()
        element = self.focused()
        for _ in range(MAX_TABS):
            if element["tag"] == "button" and element["value"] == "continue":
                break
            if element["tag"] in ("input", "textarea") and element["name"]:
                self._answer(element, answered)
            element = self.tab()
            assert element["inPage"], f"{self.page.url}: Tab left the page before reaching Continue"
        self._shift_tab_back_and_forth()
        url = self.page.url
        self.press_enter_and_wait()
        errors = self.page.locator(".govuk-error-summary__list a").all_inner_texts()
        assert not errors, f"{url}: a valid answer was refused: {errors}"

    def _shift_tab_back_and_forth(self):
        """Shift+Tab goes back to the previous stop and Tab returns to Continue."""
        self.tab(backwards=True)
        element = self.tab()
        assert element["value"] == "continue", f"{self.page.url}: Shift+Tab then Tab lost the Continue button"

    def submit(self):
        """On check your answers: Tab to the submit button and press Enter."""
        self.tab_to(lambda e: e["tag"] == "button" and e["text"] == "Submit your answers")
        self.press_enter_and_wait()

    # Answering the focused control

    def _answer(self, element, answered):
        code, _, part = element["name"].partition("-")  # date boxes are named <code>-day etc.
        keyboard, wanted = self.page.keyboard, self.plan.get(code)
        if element["type"] == "checkbox" and wanted is not None:
            if (element["value"] in wanted) != element["checked"]:
                keyboard.press("Space")  # every planned box, as Tab passes it
        elif code in answered and part not in ("month", "year"):
            return  # the rest of a group already answered, or a date's "Prefer not to say" box
        elif element["type"] == "radio":
            self._choose_radio(element, wanted)
        elif element["type"] == "checkbox":
            if not element["checked"]:
                keyboard.press("Space")  # the first box
        elif element["value"]:
            pass  # kept from an earlier visit
        elif part in DATE_PARTS:
            keyboard.type(self.date[part])
        elif element["inputmode"] == "decimal":
            keyboard.type(str(wanted if wanted is not None else self._number_within_bounds(code)))
        else:
            limit = self.definition.question_by_code[code].get("max_length")
            keyboard.type((wanted or "Answered with the keyboard alone")[:limit])
        answered.add(code)

    def _choose_radio(self, element, wanted):
        """Space selects the focused (first) radio; arrow keys move the selection along the group."""
        if wanted is None or element["value"] == wanted:
            if not element["checked"]:
                self.page.keyboard.press("Space")
            return
        for _ in range(40):
            self.page.keyboard.press("ArrowDown")
            if self.focused()["value"] == wanted:
                return
        raise AssertionError(f"{self.page.url}: arrow keys never reached {wanted!r}")

    def _number_within_bounds(self, code) -> float:
        """30 (an adult's age, a plausible count) moved inside the question's bounds."""
        question, value = self.definition.question_by_code[code], 30
        if question.get("max") is not None:
            value = min(value, question["max"])
        return value if question.get("min") is None else max(value, question["min"])


def question_page_key(url: str) -> str | None:
    """The page key of a question page's URL (``/s/<slug>/q/<key>/``); None for other pages."""
    match = re.search(r"/q/([^/?]+)/", url)
    return match.group(1) if match else None
