"""Layout checks a phone or magnifier user needs, measured in the page as it stands:
reflow without sideways scrolling (WCAG 1.4.10, 1.4.4), pointer target size (WCAG 2.5.8) and
text spacing a reader may set themselves (WCAG 1.4.12).

Reflow at 200% zoom: zooming a 1280 px wide window to 200% gives the page a 640 CSS px layout
viewport and a devicePixelRatio of 2, which is exactly what a 640 px context with
``device_scale_factor=2`` presents (media queries, layout and ``innerWidth`` all agree).
Headless Chromium has no browser-zoom control: CDP ``Emulation.setPageScaleFactor`` is pinch
zoom, which magnifies without reflowing, and CSS ``zoom`` leaves media queries at desktop
width, so neither is what a person zooming their browser gets.
"""

PHONE_320 = {"width": 320, "height": 640}
ZOOMED_DESKTOP = {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}  # 1280 x 900 at 200%

# WCAG 2.2 success criterion 2.5.8 Target Size (Minimum), as one function returning failures.
# A target passes if its box is at least 24 x 24 CSS px, or if an exception applies:
# - spacing: a 24 px circle centred on the target meets no other target and no other
#   undersized target's circle;
# - inline: a link inside a sentence (its block holds text besides the link), whose height is
#   set by the line height of the text around it.
# A radio or checkbox and its label are one target (the label operates the control), and
# elements inside one another are not counted against each other. Hidden and visually hidden
# (1 px, e.g. the skip link before it has focus) elements are not targets.
TARGET_SIZE_FAILURES = """() => {
  const MIN = 24;
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + 'input[type=radio] + label, input[type=checkbox] + label';
  const shown = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden';
  };
  const targets = [...new Set(document.querySelectorAll(selector))].filter(shown)
    .map((el) => ({el, r: el.getBoundingClientRect(), control: el.control || el}));
  const related = (a, b) => a.el.contains(b.el) || b.el.contains(a.el) || a.control === b.control;
  const inSentence = (el) => el.tagName === 'A' && getComputedStyle(el).display === 'inline'
    && el.parentElement.textContent.trim().length > el.textContent.trim().length;
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const distanceToBox = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right),
                                                  Math.max(r.top - y, 0, y - r.bottom));
  const small = targets.filter((t) => (t.r.width < MIN || t.r.height < MIN) && !inSentence(t.el));
  const crowded = (t) => targets.some((o) => o !== t && !related(t, o) && (
    distanceToBox(centre(t.r), o.r) < MIN / 2
    || (small.includes(o) && Math.hypot(...centre(t.r).map((v, i) => v - centre(o.r)[i])) < MIN)));
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + ' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"';
  return small.filter(crowded)
    .map((t) => `${name(t.el)} is ${Math.round(t.r.width)}x${Math.round(t.r.height)} px`);
}"""


# WCAG 1.4.12 Text Spacing: with these set by the reader, nothing may be cut off or overlap.
# Applied as a constructed stylesheet, which the page's Content Security Policy allows (a
# <style> element would be refused), and removed afterwards. Returns what is cut off.
TEXT_SPACING_CLIPPED = """() => {
  const spacing = new CSSStyleSheet();
  spacing.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important;'
    + ' word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }');
  const before = document.adoptedStyleSheets;
  document.adoptedStyleSheets = [...before, spacing];
  const clips = (s) => ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
  // Visually hidden text is clipped on purpose; a form field scrolls its own text.
  const hiddenOnPurpose = (s, r) => r.width <= 1 || r.height <= 1 || s.clip !== 'auto' || s.clipPath !== 'none';
  const clipped = [...document.body.querySelectorAll('*:not(input, textarea, select)')].filter((el) => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return clips(s) && !hiddenOnPurpose(s, r)
      && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
  }).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + [...el.classList].join('.') : ''));
  const wide = document.documentElement.scrollWidth > window.innerWidth;
  document.adoptedStyleSheets = before;
  return wide ? [...clipped, 'the page (it scrolls sideways)'] : clipped;
}"""


def sideways_scroll(page) -> int | None:
    """The page's scroll width if it is wider than the viewport (it scrolls sideways), else None."""
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return width if width > viewport else None


def layout_problems(page, where: str) -> list[str]:
    """Reflow, target size and text spacing at the current viewport, then at 320 px; the viewport
    is restored."""
    problems = []
    original = page.viewport_size
    for size in (original, PHONE_320):
        page.set_viewport_size(size)
        label = f"{where} at {size['width']} px"
        if width := sideways_scroll(page):
            problems.append(f"{label}: scrolls sideways ({width} px wide)")
        problems.extend(f"{label}: target {failure}" for failure in page.evaluate(TARGET_SIZE_FAILURES))
    # Last: Chromium does not always lay a form control out again once the spacing is removed.
    for size in (original, PHONE_320):
        page.set_viewport_size(size)
        problems.extend(f"{where} at {size['width']} px with wider text spacing: {what} cuts off its content"
                        for what in page.evaluate(TEXT_SPACING_CLIPPED))
    page.set_viewport_size(original)
    return problems
