// The executions listing's counts by status, kept live by server-sent events (no polling in the browser).
const counts = document.querySelector('#counts');
// Thymeleaf drops an empty data-query, so no filter means no attribute
const query = (counts.dataset.query ?? '').replace(/^&/, '');
const stream = new EventSource(`/console/executions/counts?${query}`);
stream.addEventListener('counts', (message) => {
  for (const [status, count] of Object.entries(JSON.parse(message.data))) {
    const dd = counts.querySelector(`[data-count="${status}"]`);
    if (dd) dd.textContent = count;
  }
});
