// The executions listing's counts by status, kept live by server-sent events (no polling in the browser).
const counts = document.querySelector('#counts');
// Thymeleaf drops an empty data-query, so no filter means no attribute
const query = new URLSearchParams((counts.dataset.query ?? '').replace(/^&/, ''));
// the page's namespace (none: default)
const namespace = document.querySelector('meta[name="stepwise-namespace"]')?.content;
if (namespace) query.set('namespace', namespace);
const stream = new EventSource(`/console/executions/counts?${query}`);
stream.addEventListener('counts', (message) => {
  for (const [status, count] of Object.entries(JSON.parse(message.data))) {
    const dd = counts.querySelector(`[data-count="${status}"]`);
    if (dd) dd.textContent = count;
  }
});
