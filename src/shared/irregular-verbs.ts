/**
 * English's irregular verbs, each as "base past participle" (forms with a slash are alternatives): the
 * stemmer takes "paid" apart from "pay" and "wrote" from "write", so a question in the past tense misses a
 * page written in the present. A closed class of the language, like its stop words; the common ones, less
 * those whose past is more often another word ("left", "bit", "ground", "wound", "lay", "fed").
 */
const VERBS = `arise arose arisen|awake awoke awoken|bear bore borne|beat beat beaten|become became become|
begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound|bleed bled bled|blow blew blown|
break broke broken|breed bred bred|bring brought brought|build built built|burn burnt burnt|buy bought bought|
catch caught caught|choose chose chosen|cling clung clung|come came come|cost cost cost|creep crept crept|cut cut cut|
deal dealt dealt|dig dug dug|draw drew drawn|dream dreamt dreamt|drink drank drunk|drive drove driven|
eat ate eaten|fall fell fallen|feel felt felt|fight fought fought|find found found|flee fled fled|
fly flew flown|forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|
get got got/gotten|give gave given|go went gone|grow grew grown|hang hung hung|
hear heard heard|hide hid hidden|hit hit hit|hold held held|hurt hurt hurt|keep kept kept|kneel knelt knelt|
know knew known|lead led led|lean leant leant|leap leapt leapt|learn learnt learnt|
lend lent lent|let let let|light lit lit|lose lost lost|make made made|mean meant meant|meet met met|
mistake mistook mistaken|overcome overcame overcome|overtake overtook overtaken|pay paid paid|put put put|quit quit quit|
read read read|rebuild rebuilt rebuilt|redo redid redone|rewrite rewrote rewritten|ride rode ridden|ring rang rung|
rise rose risen|run ran run|say said said|see saw seen|seek sought sought|sell sold sold|send sent sent|set set set|
shake shook shaken|shed shed shed|shine shone shone|shoot shot shot|show showed shown|shrink shrank shrunk|shut shut shut|
sing sang sung|sink sank sunk|sit sat sat|sleep slept slept|slide slid slid|speak spoke spoken|speed sped sped|
spend spent spent|spin spun spun|split split split|spread spread spread|spring sprang sprung|stand stood stood|
steal stole stolen|stick stuck stuck|sting stung stung|stink stank stunk|strike struck struck|swear swore sworn|
sweep swept swept|swim swam swum|swing swung swung|take took taken|teach taught taught|tear tore torn|tell told told|
think thought thought|throw threw thrown|undergo underwent undergone|understand understood understood|
undertake undertook undertaken|undo undid undone|upset upset upset|wake woke woken|wear wore worn|weep wept wept|
win won won|withdraw withdrew withdrawn|write wrote written`;

const BASE = new Map<string, string>();
for (const entry of VERBS.split("|")) {
  const [base, ...inflected] = entry.trim().split(/[\s/]+/);
  for (const form of inflected) if (form !== base) BASE.set(form, base!);
}

/** The base form of an irregular verb's past or participle ("paid" → "pay", "written" → "write"); null for any other word. */
export function verbBase(word: string): string | null {
  return BASE.get(word) ?? null;
}

/**
 * "paid" searched as "paid pay": the stemmer keeps an irregular verb's past apart from the present a page is
 * written in. The full-text search only, as acronyms: the answer reads the question as asked (measured, the
 * extra words moved a question's embedding below the closeness an answer needs).
 */
export function withVerbBases(text: string): string {
  // A contraction is a word of its own: "won't" is no "won".
  return text.replace(/\p{L}+(?:['’]\p{L}+)*/gu, (word) => {
    const base = verbBase(word.toLowerCase());
    return base ? `${word} ${base}` : word;
  });
}
