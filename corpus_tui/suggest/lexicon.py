"""Word lists the rules rely on: speech verbs, titles, pronouns, role nouns.

Kept as data in one place so that the rules read as rules, and so that adding a verb a
new outlet favours ("quipped") is a one-word change. Forms are listed as well as lemmas
because the blank fallback pipeline has no lemmatizer.
"""

from __future__ import annotations

#: lemma -> inflected forms. Verbs that report a speech act with propositional content.
SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("add", "adds", "added", "adding"),
    "warn": ("warn", "warns", "warned", "warning"),
    "accuse": ("accuse", "accuses", "accused", "accusing"),
    "describe": ("describe", "describes", "described", "describing"),
    "note": ("note", "notes", "noted", "noting"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "urge": ("urge", "urges", "urged", "urging"),
    "underscore": ("underscore", "underscores", "underscored", "underscoring"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "state": ("state", "states", "stated", "stating"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "assert": ("assert", "asserts", "asserted", "asserting"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "deny": ("deny", "denies", "denied", "denying"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "reiterate": ("reiterate", "reiterates", "reiterated", "reiterating"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasizing"),
    "emphasise": ("emphasise", "emphasises", "emphasised", "emphasising"),
    "write": ("write", "writes", "wrote", "writing"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "promise": ("promise", "promises", "promised", "promising"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "pledge": ("pledge", "pledges", "pledged", "pledging"),
    "caution": ("caution", "cautions", "cautioned", "cautioning"),
    "complain": ("complain", "complains", "complained", "complaining"),
    "threaten": ("threaten", "threatens", "threatened", "threatening"),
    "reply": ("reply", "replies", "replied", "replying"),
    "respond": ("respond", "responds", "responded", "responding"),
    "answer": ("answer", "answers", "answered", "answering"),
    "ask": ("ask", "asks", "asked", "asking"),
    "remark": ("remark", "remarks", "remarked", "remarking"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "contend": ("contend", "contends", "contended", "contending"),
    "allege": ("allege", "alleges", "alleged", "alleging"),
    "report": ("report", "reports", "reported", "reporting"),
    "observe": ("observe", "observes", "observed", "observing"),
    "mention": ("mention", "mentions", "mentioned", "mentioning"),
    "comment": ("comment", "comments", "commented", "commenting"),
    "demand": ("demand", "demands", "demanded", "demanding"),
    "call": ("call", "calls", "called", "calling"),
    "highlight": ("highlight", "highlights", "highlighted", "highlighting"),
    "point": ("point", "points", "pointed", "pointing"),
    "express": ("express", "expresses", "expressed", "expressing"),
    "quip": ("quip", "quips", "quipped", "quipping"),
    "tout": ("tout", "touts", "touted", "touting"),
}

#: verb form (lower case) -> lemma
SPEECH_FORMS: dict[str, str] = {form: lemma for lemma, forms in SPEECH_VERBS.items() for form in forms}
SPEECH_LEMMAS: frozenset[str] = frozenset(SPEECH_VERBS)

#: lemmas whose content can be an object plus "as"/"of"/"to" phrase rather than a clause
#: ("described the meeting as 'productive'", "accused Washington of sowing chaos",
#: "urged Pyongyang to meet its commitments")
#: lemma -> what may follow the object: a preposition ("as", "of") or a dependency label
OBJECT_CONTENT_VERBS: dict[str, frozenset[str]] = {
    "describe": frozenset({"as"}),
    "accuse": frozenset({"of"}),
    "call": frozenset({"oprd"}),
    "urge": frozenset({"xcomp"}),
    "warn": frozenset({"xcomp"}),
    "tell": frozenset({"xcomp"}),
    "ask": frozenset({"xcomp"}),
}

#: lemmas that only report speech when they govern a clause; a direct quote is not enough
#: evidence for them ("called" in '"...," he called' is rare; "expressed" needs a clause)
CLAUSE_ONLY: frozenset[str] = frozenset({"express", "call", "point", "report", "state"})

PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "it"})
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})

#: words that precede a name without being part of it ("President Vladimir Putin")
TITLES: frozenset[str] = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "general",
        "gen.",
        "gen",
        "lt.",
        "col.",
        "col.",
        "sen.",
        "sen",
        "rep.",
        "rep",
        "gov.",
        "gov",
        "governor",
        "senator",
        "representative",
        "mr.",
        "mr",
        "mrs.",
        "mrs",
        "ms.",
        "ms",
        "dr.",
        "dr",
        "prof.",
        "prof",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "foreign",
        "defense",
        "defence",
        "deputy",
        "director",
        "chief",
        "commander",
        "adm.",
        "admiral",
        "sgt.",
        "capt.",
        "captain",
        "lord",
        "lady",
        "sir",
        "dame",
        "judge",
        "justice",
        "mayor",
        "premier",
        "minister",
        "coordinator",
        "official",
        "envoy",
        "press",
        "communications",
        "strategic",
        "national",
        "security",
        "council",
        "state",
        "first",
        "lady",
        "adviser",
        "advisor",
        "aide",
    ]
)

#: nouns for people in a role: "the official said" refers to someone already named
ROLE_NOUNS: frozenset[str] = frozenset(
    [
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "minister",
        "president",
        "leader",
        "coordinator",
        "secretary",
        "envoy",
        "diplomat",
        "adviser",
        "advisor",
        "aide",
        "chief",
        "director",
        "governor",
        "senator",
        "lawmaker",
        "general",
        "commander",
        "chancellor",
        "premier",
        "mayor",
        "officer",
        "analyst",
        "expert",
        "source",
        "representative",
        "negotiator",
        "prosecutor",
        "judge",
    ]
)

#: spellings of a country that name the same entity
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "dprk": "North Korea",
    "rok": "South Korea",
}

#: capitals that stand for their government when they "say" something ("Washington said")
CAPITALS: dict[str, str] = {
    "washington": "United States",
    "moscow": "Russia",
    "pyongyang": "North Korea",
    "seoul": "South Korea",
    "beijing": "China",
    "tokyo": "Japan",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "tehran": "Iran",
    "ankara": "Turkey",
    "new delhi": "India",
    "jerusalem": "Israel",
    "ottawa": "Canada",
    "canberra": "Australia",
}

#: plural nouns for a group speaking for an institution ("US officials" -> United States)
GROUP_NOUNS: frozenset[str] = frozenset(
    [
        "officials",
        "authorities",
        "diplomats",
        "sources",
        "spokespeople",
        "representatives",
        "ministers",
        "leaders",
        "government",
    ]
)
