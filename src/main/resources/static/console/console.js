// Shared by every console page: copy buttons. Kept small on purpose; pages work without it.
for (const button of document.querySelectorAll('button.copy')) {
  button.addEventListener('click', async () => {
    const source = document.querySelector(button.dataset.copy);
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(source.textContent);
      button.textContent = 'Copied';
    } catch {
      // clipboard refused (no secure context): select the text so the reader can copy it
      window.getSelection().selectAllChildren(source);
      button.textContent = 'Selected: press Ctrl+C';
    }
    setTimeout(() => { button.textContent = label; }, 1500);
  });
}

// the namespace switcher: choosing from the list is enough (without scripts, its Switch button submits)
document.querySelector('select#namespace')?.addEventListener('change', (event) => event.target.form.requestSubmit());
