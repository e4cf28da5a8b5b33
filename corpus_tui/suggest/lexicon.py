"""Word lists the rules rely on: titles, pronouns, role nouns, what may follow a speech verb.

Kept as data in one place so that the rules read as rules, and so that adding a word a
new outlet favours is a one-word change. The speech verbs themselves are in
core.speech_verbs (adding "quipped" there is that change), because the review queue asks
for a quote's cue where one of them stands.
"""

from __future__ import annotations

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
    # "wants [the borough to collect glass ...]": the infinitive hangs on the object
    "want": frozenset({"xcomp", "acl"}),
    "expect": frozenset({"xcomp", "acl"}),
}

#: lemmas that only report speech when they govern a clause; a direct quote is not enough
#: evidence for them ("called" in '"...," he called' is rare; "expressed" needs a clause),
#: nor for beliefs ("believes", "fears"): '"...," she hopes' is not how news quotes people
BELIEFS: frozenset[str] = frozenset({"believe", "think", "hope", "fear", "worry", "doubt", "expect", "want"})
CLAUSE_ONLY: frozenset[str] = frozenset({"express", "call", "point", "report", "state"}) | BELIEFS

#: adverbs that modify the act of saying, not what was said ("said again he would ...")
VERB_ADVERBS: frozenset[str] = frozenset(
    [
        "again",
        "also",
        "later",
        "earlier",
        "previously",
        "repeatedly",
        "publicly",
        "privately",
        "separately",
        "yesterday",
        "today",
        "tonight",
        "recently",
        "once",
    ]
)

PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "it"})
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})

#: news roles written before a name like a title ("Striker Maria Lopez", "U.S. Attorney
#: Rebecca Lindqvist", "CEO Priya Raman"): jobs, ranks and positions, generic across
#: beats (courts, police, business, sport, politics, religion). Only leading words are
#: dropped, so a list of roles cannot eat a surname; words that are also common first
#: names ("Dean", "Earl", "Major") are left out.
ROLE_TITLES: frozenset[str] = frozenset(
    [
        "attorney",
        "attorney-general",
        "lawyer",
        "counsel",
        "solicitor",
        "barrister",
        "prosecutor",
        "magistrate",
        "district",
        "sheriff",
        "officer",
        "detective",
        "inspector",
        "constable",
        "sergeant",
        "lieutenant",
        "lt",
        "corporal",
        "trooper",
        "agent",
        "commissioner",
        "superintendent",
        "warden",
        "marshal",
        "firefighter",
        "paramedic",
        "executive",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "chairperson",
        "founder",
        "co-founder",
        "owner",
        "treasurer",
        "economist",
        "analyst",
        "strategist",
        "manager",
        "supervisor",
        "coach",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "keeper",
        "forward",
        "winger",
        "quarterback",
        "pitcher",
        "skipper",
        "referee",
        "umpire",
        "rookie",
        "player",
        "congressman",
        "congresswoman",
        "assemblyman",
        "assemblywoman",
        "councilman",
        "councilwoman",
        "councillor",
        "councilor",
        "alderman",
        "lawmaker",
        "legislator",
        "speaker",
        "colonel",
        "maj.",
        "brig.",
        "lieutenant-general",
        "major-general",
        "professor",
        "researcher",
        "scientist",
        "doctor",
        "surgeon",
        "nurse",
        "teacher",
        "principal",
        "editor",
        "reporter",
        "correspondent",
        "columnist",
        "author",
        "activist",
        "organizer",
        "organiser",
        "campaigner",
        "rev.",
        "reverend",
        "pastor",
        "bishop",
        "archbishop",
        "cardinal",
        "rabbi",
        "imam",
        "assistant",
        "associate",
        "acting",
        "interim",
        "former",
        "senior",
        "head",
    ]
)

#: words that precede a name without being part of it ("President Vladimir Putin")
TITLES: frozenset[str] = ROLE_TITLES | frozenset(
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

#: what a statement is written in: its issuer is the speaker ("the statement said ...")
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {"statement", "email", "e-mail", "memo", "letter", "report", "study", "review", "poll", "survey", "filing"}
    | {"release", "post", "tweet", "message", "note", "document", "analysis", "audit", "complaint", "lawsuit"}
)

#: nouns for an organisation: "the company said" is the organisation named in the article
ORGANISATION_NOUNS: frozenset[str] = frozenset(
    {"company", "firm", "agency", "authority", "union", "association", "club", "council", "ministry"}
    | {"department", "university", "museum", "airline", "operator", "developer", "hospital", "bank", "group"}
    | {"federation", "league", "board", "commission", "trust", "network", "court", "party"}
)

#: people who speak for an organisation: an unnamed one is the organisation
SPOKESPEOPLE: frozenset[str] = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
