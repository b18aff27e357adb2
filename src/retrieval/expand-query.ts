/**
 * Everyday workplace words mapped to the words handbooks use for the same thing. People ask "when my
 * kid is born", handbooks say "birth" and "parental leave"; BM25 cannot bridge that on its own. The
 * expansions are searched with a lower weight than the asker's own words, so they only break ties and
 * rescue questions that share no word with the right page. This is a general thesaurus of workplace
 * language, not a list tuned to one corpus.
 */
const SYNONYMS: [RegExp, string][] = [
  [/\b(kids?|baby|babies|newborn|born|expecting|pregnan\w*|maternity|paternity)\b/, "child birth parental leave"],
  [/\b(adopt\w*|foster\w*)\b/, "adoption placement child parental leave"],
  [/\b(days? off|time off|pto|vacation|holiday)\b/, "leave annual vacation"],
  [/\b(surgery|ill|illness|sick|doctor|medical)\b/, "sick leave medical"],
  [/\b(mov(e|ing)|relocat\w*|new city|new state)\b/, "relocation moving change of address"],
  [/\b(funeral|passed away|died|death|bereave\w*)\b/, "bereavement funeral leave"],
  [/\b(therap\w*|counsel\w*|mental health|stress|burn(ed|t)? ?out)\b/, "counseling employee assistance program eap mental health"],
  [/\b(metro|subway|train|bus|commut\w*|parking|bike)\b/, "transit commuting transportation benefit"],
  [/\b(reporters?|journalists?|press|media|interview)\b/, "media press public affairs communications"],
  [/\b(creepy|harass\w*|inappropriate|bully\w*|discriminat\w*|offensive)\b/, "harassment conduct code of conduct report"],
  [/\b(\d+\s*10s|4\/10|four tens|9\/80|compressed)\b/, "compressed work schedule"],
  [/\b(schedule|hours|flex\w*|gliding)\b/, "work schedule flexible"],
  [/\b(laptop|macbook|computer|pc|monitor|keyboard|headset|equipment)\b/, "laptop computer equipment hardware"],
  [/\b(phish\w*|scam|fake|suspicious|spam)\b/, "phishing suspicious email security incident report"],
  [/\b(hack\w*|breach|compromised|leak\w*|exposed)\b/, "security incident breach report"],
  [/\b(refer|referral|recommend someone)\b/, "referral candidate recruiting hiring"],
  [/\b(quit|quitting|resign\w*|leaving|last day)\b/, "resignation separation offboarding leaving"],
  [/\b(salary|paycheck|pay|raise|compensation)\b/, "pay salary compensation"],
  [/\b(promot\w*|next grade|step increase)\b/, "promotion grade"],
  [/\b(boss|manager|lead)\b/, "supervisor manager"],
  [/\b(wfh|remote\w*|home office|from home)\b/, "remote telework"],
  [/\b(expens\w*|reimburs\w*|receipts?|refund)\b/, "reimbursement expense receipts voucher"],
  [/\b(meals?|food|per diem|lunch|dinner)\b/, "per diem meals incidental expenses"],
  [/\b(flights?|hotel|book\w*|trip)\b/, "travel booking"],
  [/\b(password|login|log in|locked out|sign in)\b/, "password login account access"],
  [/\b(badge|id card|smart card)\b/, "badge card piv"],
  [/\b(coach\w*|mentor\w*|training|course|learn\w*)\b/, "coaching training development"],
  [/\b(accessib\w*|accommodat\w*|disabilit\w*|deaf|blind|captions?|interpret\w*)\b/, "accessibility accommodation disability"],
  [/\b(benefits?|insurance|health plan|dental|vision|retire\w*|401k|pension)\b/, "benefits insurance retirement"],
  [/\b(onboard\w*|first day|first week|new hire|just started)\b/, "onboarding getting started new employee"],
  [/\b(review|evaluation|eval|appraisal|rating|feedback)\b/, "performance review rating"],
  [/\b(bonus|award)\b/, "award bonus performance"],
  [/\b(software|app|tool|install)\b/, "software approval tools"],
];

/** Extra search words for a question, or "" when none apply. Words the question already has are left out. */
export function expandQuery(question: string): string {
  const text = question.toLowerCase();
  const own = new Set(text.split(/[^a-z0-9]+/));
  const extra = new Set<string>();
  for (const [pattern, words] of SYNONYMS) {
    if (!pattern.test(text)) continue;
    for (const word of words.split(" ")) if (!own.has(word)) extra.add(word);
  }
  return [...extra].join(" ");
}
