"""Speech verbs: the words that report a speech act, as lemmas and their inflected forms.

One list for the whole program: the suggester finds quotes by these verbs, and the review
queue asks for a quote's cue only where one of them stands near it. Forms are listed as
well as lemmas because the blank fallback pipeline has no lemmatizer and the core has none.
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
    # beliefs and intentions: content only as a clause ("believes [the creek can ...]")
    "believe": ("believe", "believes", "believed", "believing"),
    "think": ("think", "thinks", "thought", "thinking"),
    "hope": ("hope", "hopes", "hoped", "hoping"),
    "fear": ("fear", "fears", "feared", "fearing"),
    "worry": ("worry", "worries", "worried", "worrying"),
    "doubt": ("doubt", "doubts", "doubted", "doubting"),
    "expect": ("expect", "expects", "expected", "expecting"),
    "want": ("want", "wants", "wanted", "wanting"),
}

#: verb form (lower case) -> lemma
SPEECH_FORMS: dict[str, str] = {form: lemma for lemma, forms in SPEECH_VERBS.items() for form in forms}
SPEECH_LEMMAS: frozenset[str] = frozenset(SPEECH_VERBS)

#: forms that are a verb wherever they stand in news text: past tenses and participles
#: ("said", "saying") and the "says" of a feature. A base or -s form is often a noun ("a
#: claim", "the report", "notes"), so it is no evidence that a quote has a cue to mark.
CUE_FORMS: frozenset[str] = frozenset(
    {form for forms in SPEECH_VERBS.values() for form in forms[2:]} | {"says", "tells", "adds", "writes"}
)
