// Same-page skip logic as an enhancement. A question whose condition looks at an answer on the
// same page is always in the HTML (so the page works without JavaScript, and the server checks
// it only if its condition holds when sent); here it is hidden until its condition holds.
// Conditions are judged as surveys/logic.py judges them, with one difference: what the browser
// cannot know (answers from earlier pages, numbers and ages) counts as unknown, and a question
// whose condition is unknown stays shown.
const form = document.querySelector('form[method=post]')
const reveals = [...document.querySelectorAll('[data-reveal-when]')]

// The page's answer to ``code``: a list of values, null if unanswered, undefined if not on the page.
function answerOnPage (code) {
  const fields = [...form.elements].filter((field) => field.name === code)
  if (!fields.length) return undefined
  const given = fields.filter((field) => ['radio', 'checkbox'].includes(field.type) ? field.checked : field.value.trim())
  return given.length ? given.map((field) => field.value) : null
}

// true, false, or undefined when the browser cannot tell.
function holds (condition) {
  if (condition.all) return combine(condition.all.map(holds), false)
  if (condition.any) return combine(condition.any.map(holds), true)
  if (condition.not) {
    const inner = holds(condition.not)
    return inner === undefined ? undefined : !inner
  }
  const values = answerOnPage(condition.question)
  if (values === undefined) return undefined
  if ('answered' in condition) return (values !== null) === Boolean(condition.answered)
  if (values === null) return false
  if ('equals' in condition) return values.includes(String(condition.equals))
  if ('in' in condition) return values.some((value) => condition.in.map(String).includes(value))
  if ('not_in' in condition) return !values.some((value) => condition.not_in.map(String).includes(value))
  return undefined // gte, lte, age_gte: left to the server
}

// ``all`` is decided by any false, ``any`` by any true; otherwise one unknown makes it unknown.
function combine (results, decisive) {
  if (results.includes(decisive)) return decisive
  return results.includes(undefined) ? undefined : !decisive
}

function update () {
  for (const reveal of reveals) {
    reveal.hidden = holds(JSON.parse(reveal.dataset.revealWhen)) === false
  }
}

if (form && reveals.length) {
  form.addEventListener('change', update)
  form.addEventListener('input', update)
  update()
}
