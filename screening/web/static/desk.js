// A little progressive enhancement; every page works without it.
document.addEventListener("DOMContentLoaded", () => {
  // an industry found by name: click it to take its code
  const code = document.querySelector("input[name='industry.code']");
  document.querySelectorAll(".found li[data-code]").forEach((item) => {
    item.style.cursor = "pointer";
    item.addEventListener("click", () => { if (code) { code.value = item.dataset.code; code.focus(); } });
  });
  // a print button beside the downloads on a decision page (the print stylesheet does the rest)
  const actions = document.querySelector(".banner ~ .actions, .record .actions");
  if (actions && document.querySelector(".banner")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = document.documentElement.lang === "en" ? "Print" : "打印";
    button.addEventListener("click", () => window.print());
    actions.appendChild(button);
  }
});
