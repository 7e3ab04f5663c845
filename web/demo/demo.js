// The demo page's question box hands its question to the widget through window.Termsbot.
document.getElementById("ask-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("ask-input");
  const question = input.value.trim();
  if (question && window.Termsbot) {
    window.Termsbot.ask(question);
    input.value = "";
  }
});
