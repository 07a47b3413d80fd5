// Follows a running job on its page without reloading it (a timed refresh fails WCAG 2.2.1):
// polls the job's JSON every two seconds and updates progress and message in place; once the
// job ends, swaps in the page's finished state (status, result link), which the live region announces.
const region = document.querySelector('[data-job-url]')
const POLL_MS = 2000

async function follow () {
  try {
    const reply = await fetch(region.dataset.jobUrl, { headers: { Accept: 'application/json' } })
    if (reply.ok) {
      const job = await reply.json()
      if (job.done) {
        const page = new DOMParser().parseFromString(await (await fetch(window.location.href)).text(), 'text/html')
        const hadFocus = region.contains(document.activeElement)
        region.replaceChildren(...page.querySelector('[data-job-url]').childNodes)
        document.title = page.title
        if (hadFocus) focusAfterSwap() // the focused button has gone: keep the keyboard user in place
        return
      }
      const percent = Math.round(job.progress * 100)
      region.querySelector('progress').value = percent
      region.querySelector('[data-job-percent]').textContent = `${percent}%`
      region.querySelector('[data-job-message]').textContent = job.message || '–'
    }
  } catch {
    // A dropped connection: try again on the next tick.
  }
  window.setTimeout(follow, POLL_MS)
}

// The result link if there is one, else the page heading.
function focusAfterSwap () {
  const target = region.querySelector('a') || document.querySelector('h1')
  if (target.tagName === 'H1') target.tabIndex = -1
  target.focus()
}

if (region) window.setTimeout(follow, POLL_MS)
