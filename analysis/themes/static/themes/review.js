// Keyboard shortcuts for the review page. Progressive enhancement only: every action is a
// plain form button or link, and this file just clicks or focuses it.
const SHORTCUTS = {
  a: '[data-shortcut="accept"]',
  r: '[data-shortcut="reject"]',
  c: '[data-shortcut="confirm"]',
  x: '[data-shortcut="none"]',
  t: '[data-shortcut="add"]',
  n: '[data-shortcut="next"]',
  o: '[data-shortcut="original"]',
};

function typing(target) {
  return target instanceof Element && target.closest('input, select, textarea, [contenteditable="true"]');
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target)) {
    return;
  }
  const selector = SHORTCUTS[event.key.toLowerCase()];
  const element = selector && document.querySelector(selector);
  if (!element) {
    return;
  }
  event.preventDefault();
  if (element.matches('select, input')) {
    element.focus();
  } else {
    element.click();
  }
});
