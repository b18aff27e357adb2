// The playground page: plain browser JavaScript, served as is (no build step, no network at run time).
const $ = (selector, root = document) => root.querySelector(selector);
const STORAGE_KEY = "docent.threads.v1";
const USER_KEY = "docent.user";

const user = localStorage.getItem(USER_KEY) ?? `web-${crypto.randomUUID()}`;
localStorage.setItem(USER_KEY, user);

/** Sends the access token when the server asks for one (DOCENT_ADMIN_TOKEN), asking the user once. */
async function api(path, init = {}) {
  const withToken = () => ({
    ...init,
    headers: { ...(init.headers ?? {}), ...(localStorage.getItem("docent.token") ? { authorization: `Bearer ${localStorage.getItem("docent.token")}` } : {}) },
  });
  let response = await fetch(path, withToken());
  if (response.status === 401) {
    const token = prompt("This Docent playground needs an access token:");
    if (token) {
      localStorage.setItem("docent.token", token);
      response = await fetch(path, withToken());
    }
  }
  return response;
}

const threads = load();
let current = threads[0]?.id ?? newThread().id;

function load() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
  } catch {
    return [];
  }
}
function save() {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(threads.slice(0, 50)));
}
function newThread() {
  const thread = { id: crypto.randomUUID(), title: "New thread", messages: [] };
  threads.unshift(thread);
  save();
  return thread;
}
const thread = () => threads.find((t) => t.id === current);

// ---- rendering ------------------------------------------------------------------------------

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** A little Markdown (paragraphs, bullets, bold, italics) and `[n]` markers as links to the sources. */
function renderText(text, answerId) {
  const inline = (line) =>
    escapeHtml(line)
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|\s)_(.+?)_(?=\s|[.,;:!?)]|$)/g, "$1<em>$2</em>")
      .replace(/\[(\d+)\]/g, (_, n) => (answerId ? `<a class="cite" href="#src-${answerId}-${n}" aria-label="source ${n}">[${n}]</a>` : `[${n}]`));
  return text
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((l) => /^\s*[-*•]\s+/.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*•]\s+/, ""))}</li>`).join("")}</ul>`;
      return `<p>${lines.map(inline).join("<br>")}</p>`;
    })
    .join("");
}

function renderUser(text) {
  const li = document.createElement("li");
  li.className = "message user";
  li.innerHTML = `<div class="bubble"></div>`;
  $(".bubble", li).textContent = text;
  return li;
}

function renderAnswer(answer, li = $("#answer-template").content.firstElementChild.cloneNode(true)) {
  $(".status", li).textContent = "";
  $(".text", li).innerHTML = renderText(answer.text, answer.id);
  const note = $(".note", li);
  note.hidden = answer.grounded || answer.mode === "no-answer";
  note.textContent = "Some statements could not be verified against the sources.";
  const list = $(".sources ol", li);
  list.innerHTML = "";
  $(".sources h4", li).textContent = answer.mode === "no-answer" ? "Closest sources" : "Sources";
  for (const c of answer.citations) {
    const item = document.createElement("li");
    item.id = `src-${answer.id}-${c.n}`;
    item.value = c.n;
    const where = c.heading ? ` <span class="where">› ${escapeHtml(c.heading)}</span>` : "";
    const when = c.age ? ` <span class="age">· ${escapeHtml(c.age)}</span>` : "";
    if (c.url) {
      item.innerHTML = `<a href="${escapeHtml(c.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(c.title)}</a>${where}${when}`;
    } else {
      item.innerHTML = `<span>${escapeHtml(c.title)}</span>${where}${when} <button type="button" class="linkish" aria-expanded="false">Show passage</button><div class="passage" hidden></div>`;
      const button = $("button", item);
      const passage = $(".passage", item);
      passage.textContent = c.snippet;
      button.addEventListener("click", () => {
        passage.hidden = !passage.hidden;
        button.setAttribute("aria-expanded", String(!passage.hidden));
        button.textContent = passage.hidden ? "Show passage" : "Hide passage";
      });
    }
    list.append(item);
  }
  $(".sources", li).hidden = answer.citations.length === 0;
  wireFeedback(li, answer);
  return li;
}

function wireFeedback(li, answer) {
  const box = $(".feedback", li);
  box.hidden = false;
  const up = $(".vote.up", li);
  const down = $(".vote.down", li);
  const form = $(".comment", li);
  const thanks = $(".thanks", li);
  const send = async (body, done = "Thanks for the feedback.") => {
    const response = await api("/api/feedback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ answerId: answer.id, user, ...body }),
    });
    thanks.textContent = response.ok ? done : "Sorry, the feedback could not be saved.";
  };
  const vote = async (rating) => {
    up.setAttribute("aria-pressed", String(rating === "up"));
    down.setAttribute("aria-pressed", String(rating === "down"));
    answer.vote = rating;
    save();
    await send({ rating });
    form.hidden = rating !== "down";
    if (rating === "down") $("textarea", form).focus();
  };
  up.onclick = () => vote("up");
  down.onclick = () => vote("down");
  form.onsubmit = async (event) => {
    event.preventDefault();
    await send({ comment: $("textarea", form).value }, "Thanks, your comment was sent.");
    form.hidden = true;
  };
  if (answer.vote) {
    up.setAttribute("aria-pressed", String(answer.vote === "up"));
    down.setAttribute("aria-pressed", String(answer.vote === "down"));
  }
}

function renderThreads() {
  const list = $("#thread-list");
  list.innerHTML = "";
  for (const t of threads) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.textContent = t.title;
    button.setAttribute("aria-current", String(t.id === current));
    button.onclick = () => {
      current = t.id;
      renderAll();
    };
    li.append(button);
    list.append(li);
  }
}

function renderAll() {
  renderThreads();
  const messages = $("#messages");
  messages.innerHTML = "";
  for (const m of thread().messages) messages.append(m.role === "user" ? renderUser(m.text) : renderAnswer(m.answer));
  $("#empty").hidden = thread().messages.length > 0;
  messages.scrollTop = messages.scrollHeight;
}

// ---- asking ---------------------------------------------------------------------------------

/** Reads server-sent events from a fetch response (EventSource cannot POST). */
async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const raw = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(raw)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(raw)?.[1];
      if (data) onEvent(event, JSON.parse(data));
    }
  }
}

async function ask(text) {
  const t = thread();
  if (t.messages.length === 0) t.title = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  t.messages.push({ role: "user", text });
  save();
  $("#empty").hidden = true;
  renderThreads();
  const messages = $("#messages");
  messages.append(renderUser(text));
  const li = $("#answer-template").content.firstElementChild.cloneNode(true);
  $(".status", li).textContent = "Docent is looking through the knowledge base…";
  messages.append(li);
  messages.scrollTop = messages.scrollHeight;

  let streamed = "";
  try {
    const response = await api("/api/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, thread: t.id, user }),
    });
    if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error ?? `HTTP ${response.status}`);
    await readEvents(response, (event, data) => {
      if (event === "delta") {
        streamed += data.text;
        $(".status", li).textContent = "";
        $(".text", li).innerHTML = renderText(streamed, null);
      } else if (event === "answer") {
        t.messages.push({ role: "assistant", answer: data });
        save();
        renderAnswer(data, li);
      } else if (event === "error") {
        throw new Error(data.message);
      }
      messages.scrollTop = messages.scrollHeight;
    });
  } catch (error) {
    $(".status", li).textContent = "";
    $(".text", li).textContent = error.message || "Sorry, something went wrong.";
  }
}

$("#composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("#question");
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  $("#send").disabled = true;
  try {
    await ask(text);
  } finally {
    $("#send").disabled = false;
    input.focus();
  }
});
$("#question").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("#composer").requestSubmit();
  }
});
$("#new-thread").addEventListener("click", () => {
  current = newThread().id;
  renderAll();
  $("#question").focus();
});

for (const prompt of ["How many vacation days do I get?", "How do I report a phishing email?", "What's the per diem for meals when traveling?"]) {
  const button = document.createElement("button");
  button.textContent = prompt;
  button.onclick = () => {
    $("#question").value = prompt;
    $("#composer").requestSubmit();
  };
  $("#suggestions").append(button);
}

// ---- admin view -----------------------------------------------------------------------------

function selectTab(name) {
  for (const tab of ["chat", "admin"]) {
    $(`#tab-${tab}`).setAttribute("aria-selected", String(tab === name));
    $(`#view-${tab}`).hidden = tab !== name;
  }
  if (name === "admin") refreshAdmin();
}
$("#tab-chat").onclick = () => selectTab("chat");
$("#tab-admin").onclick = () => selectTab("admin");

function stats(dl, entries) {
  dl.innerHTML = entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd>`).join("");
}

async function refreshAdmin() {
  const status = await (await api("/api/admin/status")).json();
  const { index, feedback } = status;
  $("#mode").textContent = `answers: ${status.llm}`;
  stats($("#index-status"), [
    ["Documents", index.documents],
    ["Chunks", index.chunks],
    ["Collections", index.collections.join(", ") || "none"],
    ["Embedding model", index.embeddingModel ?? "none (full-text search)"],
    [
      "Last sync",
      index.lastSync ? `${new Date(index.lastSync.at).toLocaleString()}${index.lastSync.ok ? "" : ` — failed: ${index.lastSync.error}`}` : "not since start",
    ],
  ]);
  stats($("#feedback-summary"), [
    ["Votes", feedback.total],
    ["Thumbs up / down", `${feedback.positive} / ${feedback.negative}`],
    ["Satisfaction", feedback.satisfaction === null ? "no votes yet" : `${Math.round(feedback.satisfaction * 100)}%`],
  ]);
  const days = new Map();
  for (const item of feedback.items) {
    const day = item.at.slice(0, 10);
    const entry = days.get(day) ?? { up: 0, total: 0 };
    entry.total++;
    if (item.rating === "up") entry.up++;
    days.set(day, entry);
  }
  $("#satisfaction").innerHTML = [...days]
    .sort()
    .slice(-14)
    .map(
      ([day, d]) =>
        `<div class="day" style="height:${Math.max(4, (d.up / d.total) * 100)}%" title="${day}: ${Math.round((d.up / d.total) * 100)}% of ${d.total}"></div>`,
    )
    .join("");
  const down = feedback.items.filter((item) => item.rating === "down").slice(0, 20);
  $("#downvotes").innerHTML = down.length
    ? `<table><thead><tr><th>When</th><th>Question</th><th>Comment</th><th>Sources</th></tr></thead><tbody>${down
        .map(
          (item) =>
            `<tr><td>${escapeHtml(new Date(item.at).toLocaleString())}</td><td>${escapeHtml(item.question)}</td><td>${escapeHtml(item.comment ?? "")}</td><td>${item.docIds.map(escapeHtml).join("<br>")}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="muted">No thumbs-down yet.</p>`;
  await refreshGaps();
  await refreshVerified();
}

async function refreshGaps() {
  const { gaps } = await (await api(`/api/admin/gaps?sort=${encodeURIComponent($("#gaps-sort").value)}`)).json();
  $("#gaps").innerHTML = gaps.length
    ? `<table><thead><tr><th>Asked</th><th>Last asked</th><th>Question</th><th>Reasons</th><th>Sources</th></tr></thead><tbody>${gaps
        .map(
          (gap) =>
            `<tr><td>${gap.count}</td><td>${escapeHtml(new Date(gap.lastAskedAt).toLocaleString())}</td><td>${escapeHtml(gap.question)}${
              gap.questions.length > 1
                ? `<br><span class="muted">also: ${gap.questions
                    .filter((q) => q !== gap.question)
                    .map(escapeHtml)
                    .join(" · ")}</span>`
                : ""
            }${gap.unmentioned.length ? `<br><span class="muted">no document mentions: ${gap.unmentioned.map(escapeHtml).join(", ")}</span>` : ""}${
              gap.possiblyResolved
                ? `<br><strong>possibly resolved</strong> (${[
                    ...gap.changedDocIds.map((docId) => `${escapeHtml(docId)} changed`),
                    ...(gap.verifiedAnswerIds.length ? ["verified answer saved"] : []),
                  ].join(", ")})`
                : ""
            }<br><button type="button" class="answer-gap" data-question="${escapeHtml(gap.question)}">Answer it</button></td><td>${gap.reasons
              .map(escapeHtml)
              .join("<br>")}</td><td>${gap.docIds.map(escapeHtml).join("<br>")}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="muted">No knowledge gaps: nothing declined or disliked yet.</p>`;
}
$("#gaps-sort").addEventListener("change", () => refreshGaps());
// A gap's "Answer it" starts a verified answer to its question.
$("#gaps").addEventListener("click", (event) => {
  const button = event.target.closest("button.answer-gap");
  if (!button) return;
  editVerified({ question: button.dataset.question });
});

// ---- verified answers -----------------------------------------------------------------------

let verifiedAnswers = [];

let verifiedRefresh = 0;

async function refreshVerified() {
  // Only the newest refresh renders: one started before a retirement must not bring the old list back.
  const mine = ++verifiedRefresh;
  const { verified } = await (await api("/api/admin/verified")).json();
  if (mine !== verifiedRefresh) return;
  verifiedAnswers = verified;
  $("#verified").innerHTML = verifiedAnswers.length
    ? `<table><thead><tr><th>Question</th><th>Answer</th><th>Verified by</th><th></th></tr></thead><tbody>${verifiedAnswers
        .map(
          (v) =>
            `<tr data-id="${escapeHtml(v.id)}"><td>${escapeHtml(v.question)}</td><td>${escapeHtml(v.answer.length > 240 ? `${v.answer.slice(0, 237)}…` : v.answer)}</td><td>${escapeHtml(
              `${v.verifiedBy.name}, ${v.verifiedAt.slice(0, 10)}`,
            )}<br><span class="muted">${escapeHtml(v.verifiedBy.platform)}</span>${
              v.link ? `<br><a href="${escapeHtml(v.link)}" target="_blank" rel="noopener">thread</a>` : ""
            }</td><td class="actions"><button type="button" class="edit">Edit</button> <button type="button" class="retire">Retire</button></td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="muted">No verified answers yet. Save one here, or with “Save as verified answer” on a reply in Slack or Teams.</p>`;
}

function editVerified(values) {
  const form = $("#verified-form");
  for (const name of ["id", "question", "answer", "link"]) form.elements[name].value = values[name] ?? "";
  $("#verified-cancel").hidden = !values.id;
  form.querySelector("button[type=submit]").textContent = values.id ? "Save changes" : "Save verified answer";
  form.elements[values.question ? "answer" : "question"].focus();
}

$("#verified").addEventListener("click", async (event) => {
  const row = event.target.closest("tr[data-id]");
  if (!row) return;
  const answer = verifiedAnswers.find((v) => v.id === row.dataset.id);
  if (event.target.closest("button.edit") && answer) editVerified(answer);
  if (event.target.closest("button.retire") && answer && confirm(`Retire the verified answer to “${answer.question}”? Answers stop citing it.`)) {
    const response = await api(`/api/admin/verified/${encodeURIComponent(answer.id)}`, { method: "DELETE" });
    $("#verified-status").textContent = response.ok ? "Retired: answers no longer cite it." : (await response.json()).error;
    await refreshVerified();
  }
});

$("#verified-cancel").addEventListener("click", () => editVerified({}));

$("#verified-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const id = form.elements.id.value;
  const body = {
    question: form.elements.question.value,
    answer: form.elements.answer.value,
    verifiedBy: form.elements.verifiedBy.value,
    link: form.elements.link.value.trim() || null,
  };
  const response = await api(id ? `/api/admin/verified/${encodeURIComponent(id)}` : "/api/admin/verified", {
    method: id ? "PATCH" : "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const result = await response.json();
  if (!response.ok) {
    $("#verified-status").textContent = result.error;
    return;
  }
  $("#verified-status").textContent = id ? "Saved: the next answers use the new wording." : "Saved: Docent answers this question from it now.";
  editVerified({});
  await refreshVerified();
});

$("#sync").addEventListener("click", async () => {
  const button = $("#sync");
  button.disabled = true;
  $("#sync-progress").hidden = false;
  const label = $("#sync-label");
  label.textContent = "Starting…";
  try {
    const response = await api("/api/admin/sync", { method: "POST" });
    await readEvents(response, (event, data) => {
      if (event === "progress") {
        $("#sync-bar").style.width = `${data.total ? Math.round((data.done / data.total) * 100) : 0}%`;
        label.textContent = `${data.phase} ${data.done}/${data.total}`;
      } else if (event === "done") {
        const s = data.summaries.reduce(
          (a, x) => ({ added: a.added + x.added, updated: a.updated + x.updated, deleted: a.deleted + x.deleted, unchanged: a.unchanged + x.unchanged }),
          { added: 0, updated: 0, deleted: 0, unchanged: 0 },
        );
        $("#sync-bar").style.width = "100%";
        label.textContent = `Done: ${s.added} added, ${s.updated} updated, ${s.deleted} deleted, ${s.unchanged} unchanged.`;
      } else if (event === "error") {
        label.textContent = `Sync failed: ${data.message}`;
      }
    });
  } finally {
    button.disabled = false;
    refreshAdmin();
  }
});

api("/api/admin/status")
  .then((r) => r.json())
  .then((s) => ($("#mode").textContent = `answers: ${s.llm}`))
  .catch(() => {});
renderAll();
